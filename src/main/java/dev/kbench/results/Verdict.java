package dev.kbench.results;

import java.util.Locale;

/**
 * One word for a comparison against the baseline, from its adjusted p-value and its 95%
 * interval against the threshold θ (the smallest difference that matters):
 * <ul>
 * <li>{@code slower} / {@code faster}: significant after correction (q < 0.05) and the whole
 *     interval beyond +θ / below -θ, so the difference is both real and large enough to matter;
 * <li>{@code same}: the whole interval strictly inside (-θ, +θ). That is Schuirmann's two one-sided
 *     tests with each test at 2.5 %, not the usual 5 %: the 95 % interval shown beside the
 *     verdict decides it (a 90 % interval would give TOST at 5 %), so no column contradicts
 *     the word. Not corrected for multiplicity;
 * <li>{@code inconclusive}: neither, including a comparison that could not be tested.
 * </ul>
 * "Slower" reads the printed value as a time (higher is slower), as lsm-perf's workloads print;
 * under icount the value is guest instructions, and what people read says so
 * ({@code results.format.VerdictWords}); {@link #word()} stays the one word files and code compare.
 */
public enum Verdict {
    SLOWER, FASTER, SAME, INCONCLUSIVE;

    public static Verdict of(Overhead overhead, double qValue, double thresholdPercent) {
        if (!overhead.hasInterval()) {
            return INCONCLUSIVE;
        }
        boolean significant = qValue < Criteria.ALPHA;
        if (significant && overhead.ciLow() > thresholdPercent) {
            return SLOWER;
        }
        if (significant && overhead.ciHigh() < -thresholdPercent) {
            return FASTER;
        }
        if (overhead.ciLow() > -thresholdPercent && overhead.ciHigh() < thresholdPercent) {
            return SAME;
        }
        return INCONCLUSIVE;
    }

    /** A real difference that matters: slower or faster. */
    public boolean differs() {
        return this == SLOWER || this == FASTER;
    }

    /** The word the tables print. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
