package dev.kbench.results;

/**
 * What decides a verdict: the correction for multiplicity and the smallest difference that
 * matters. One value for a whole analysis, so every table of a result is read the same way.
 *
 * @param correction how the p-values of the result's comparisons are adjusted
 * @param thresholdPercent the smallest difference that matters, in percent of the baseline (≥ 0)
 */
public record Criteria(Correction correction, double thresholdPercent) {

    /** The significance level of the adjusted p-values (q < ALPHA) and the confidence level's complement. */
    public static final double ALPHA = 0.05;

    /** Benjamini-Hochberg and 1 %, unless a command line says otherwise. */
    public static final Criteria DEFAULT = new Criteria(Correction.BH, 1.0);

    public Criteria {
        if (correction == null) {
            throw new IllegalArgumentException("no correction: use bh, holm or none");
        }
        if (!(thresholdPercent >= 0 && thresholdPercent < 100)) {
            throw new IllegalArgumentException("threshold " + thresholdPercent + " %: use a percentage from 0 up to, not including, 100");
        }
    }
}
