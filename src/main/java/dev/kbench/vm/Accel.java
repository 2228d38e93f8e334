package dev.kbench.vm;

import java.util.Locale;

/**
 * Which QEMU accelerator runs the guest. {@code AUTO} picks KVM when it can boot Linux here,
 * else TCG. {@code ICOUNT} is TCG with {@code -icount shift=0}: the guest's clocks advance by
 * one nanosecond per guest instruction while it runs, so a workload's elapsed time is the
 * number of instructions it executed (kernel and user), independent of the host's load.
 */
public enum Accel {
    AUTO, KVM, TCG, ICOUNT;

    public static Accel parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown accelerator '" + text + "': use auto, kvm, tcg or icount");
        }
    }

    /** The name kbench records and accepts: auto, kvm, tcg or icount. */
    public String qemuName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** QEMU's {@code -accel} value. */
    public String qemuAccelerator() {
        return this == ICOUNT ? "tcg" : qemuName();
    }

    /** Emulated by TCG, with or without instruction counting. */
    public boolean emulated() {
        return this == TCG || this == ICOUNT;
    }
}
