package dev.kbench.bisect;

import dev.kbench.results.Effect;
import dev.kbench.results.Measure;
import dev.kbench.results.Overhead;
import dev.kbench.results.Verdict;
import dev.kbench.results.format.VerdictWords;

/**
 * Where a commit's kernel stands between a range's two ends on one workload, measured side by
 * side with both: its effect against each end (percent and 95 % interval, and the verdict), and
 * the share of the range's change it carries ({@code 0} the good end's cost, {@code 1} the bad
 * end's), on the log scale the effects are estimated on.
 */
record Position(String workload, Side againstGood, Side againstBad, double rangePercent, double share) {

    /** One comparison, as kept in bisect.json and shown in the table. */
    record Side(double percent, double low, double high, String verdict) {

        static Side of(Effect effect) {
            Overhead o = effect.overhead();
            return new Side(o.percent(), o.ciLow(), o.ciHigh(), effect.verdict().word());
        }

        Overhead overhead(String kernel) {
            return new Overhead(kernel, percent, low, high, Double.NaN, Double.NaN);
        }

        boolean same() {
            return verdict.equals(Verdict.SAME.word());
        }

        /** The verdict as people read it: under icount {@code slower (instructions)}. */
        String verdictAs(Measure measure) {
            return java.util.Arrays.stream(Verdict.values()).filter(v -> v.word().equals(verdict)).findFirst()
                    .map(v -> VerdictWords.of(v, measure)).orElse(verdict);
        }
    }

    /** The share of a change of {@code rangePercent} that an effect of {@code percent} is. */
    static double share(double percent, double rangePercent) {
        return Math.log1p(percent / 100) / Math.log1p(rangePercent / 100);
    }
}
