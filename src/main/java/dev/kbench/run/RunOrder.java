package dev.kbench.run;

import java.util.Locale;

/**
 * In which order the kernels run within each round. A kernel that always runs first carries
 * whatever the host does at a round's start (measured: 4.7 % on kernels that differ in nothing),
 * so the default balances positions.
 */
public enum RunOrder {
    /** A Williams Latin square: every kernel in every position, and after every other kernel, equally often. */
    BALANCED,
    /** Every round shuffled afresh. */
    RANDOM,
    /** lsm-perf's order: the kernels as given, in every round. */
    FIXED;

    public String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RunOrder parse(String text) {
        for (RunOrder order : values()) {
            if (order.optionName().equals(text.strip().toLowerCase(Locale.ROOT))) {
                return order;
            }
        }
        throw new IllegalArgumentException("unknown order '" + text + "': use balanced, random or fixed");
    }
}
