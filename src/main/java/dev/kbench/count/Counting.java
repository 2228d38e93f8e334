package dev.kbench.count;

import java.util.Objects;

/**
 * A VM that counts its guest's instructions: the plugin, and whether it also counts per guest
 * address inside the workloads' timed windows ({@code kbench explain}). Counting needs TCG (with or
 * without icount): under KVM the guest's instructions never pass through QEMU.
 */
public record Counting(CountingPlugin plugin, boolean functions) {

    public Counting {
        Objects.requireNonNull(plugin, "plugin");
    }

    public static Counting markers(CountingPlugin plugin) {
        return new Counting(plugin, false);
    }

    public static Counting functions(CountingPlugin plugin) {
        return new Counting(plugin, true);
    }
}
