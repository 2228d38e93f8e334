package dev.kbench.vm;

import java.util.Locale;

/** Which QEMU accelerator runs the guest. {@code AUTO} picks KVM when it can boot Linux here, else TCG. */
public enum Accel {
    AUTO, KVM, TCG;

    public static Accel parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown accelerator '" + text + "': use auto, kvm or tcg");
        }
    }

    public String qemuName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
