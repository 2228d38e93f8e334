package dev.kbench.results;

/**
 * A kernel against its baseline once the whole result is analysed: the ratio with its interval
 * and raw p-value, the p-value adjusted over the result's comparisons, and the verdict.
 *
 * @param qValue the p-value adjusted by the analysis's {@link Correction} (NaN when not tested)
 */
public record Effect(Overhead overhead, double qValue, Verdict verdict) {

    /** Significant after correction: q < 0.05. */
    public boolean significant() {
        return qValue < Criteria.ALPHA;
    }
}
