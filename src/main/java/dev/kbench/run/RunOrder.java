package dev.kbench.run;

import dev.kbench.OptionNames;

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
        return OptionNames.of(this);
    }

    public static RunOrder parse(String text) {
        return OptionNames.parse(RunOrder.class, text, "order");
    }
}
