package dev.kbench.results;

import dev.kbench.OptionNames;

/**
 * How the p-values of the comparisons in one result are adjusted before significance is
 * decided, since a result with many kernels and workloads finds some "significant" differences
 * by chance alone. {@link Multiplicity} computes the adjusted values.
 */
public enum Correction {
    /** Benjamini-Hochberg (1995): controls the false discovery rate. The default. */
    BH("Benjamini-Hochberg"),
    /** Holm (1979): controls the family-wise error rate, stricter than BH. */
    HOLM("Holm"),
    /** No adjustment: q = p. */
    NONE("none");

    private final String title;

    Correction(String title) {
        this.title = title;
    }

    /** The name a table's legend gives: Benjamini-Hochberg, Holm or none. */
    public String title() {
        return title;
    }

    /** The name the command line accepts and prints: bh, holm or none. */
    public String optionName() {
        return OptionNames.of(this);
    }

    public static Correction parse(String text) {
        return OptionNames.parse(Correction.class, text, "correction");
    }
}
