package dev.kbench.kernel.builder;

import java.util.Locale;

/**
 * Whether the kernel is built to randomize its own base address ({@code CONFIG_RANDOMIZE_BASE}):
 * {@code kaslr} kernels choose a random location and relocate themselves in the bootstrap
 * loader (markers 0x04/0x05 and 0x0c/0x0d span real work), {@code nokaslr} kernels do neither.
 * (A kaslr kernel booted with {@code nokaslr} on its command line is a third case.)
 */
public enum Kaslr {
    KASLR, NOKASLR;

    public static Kaslr parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown KASLR variant '" + text + "': use kaslr or nokaslr");
        }
    }

    public String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }

    String randomizeBase() {
        return this == KASLR ? "y" : "n";
    }
}
