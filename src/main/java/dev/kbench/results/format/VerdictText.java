package dev.kbench.results.format;

import dev.kbench.results.Comparison;
import dev.kbench.results.Criteria;
import dev.kbench.results.Effect;
import dev.kbench.results.Measure;
import dev.kbench.results.Numbers;
import dev.kbench.results.Overhead;
import java.util.ArrayList;
import java.util.List;

/**
 * A comparison's verdicts in words, a sentence per kernel against the baseline: the verdict the
 * table gives, with its effect and 95 % interval to the table's precision, e.g. {@code caponly is
 * 15.35 % faster than stock [-15.35 %, -15.35 %]}, or under icount {@code 15.35 % faster (instructions) than}.
 */
public final class VerdictText {

    private VerdictText() {
    }

    /** A sentence per kernel but the baseline, in the comparison's order. */
    public static List<String> sentences(Comparison comparison) {
        String baseline = comparison.rows().get(0).kernel();
        List<String> sentences = new ArrayList<>();
        for (Comparison.Row row : comparison.rows()) {
            row.effect().ifPresent(effect -> sentences.add(sentence(baseline, row.kernel(), effect, comparison.criteria(), comparison.measure())));
        }
        return sentences;
    }

    /**
     * {@code kernel} against {@code baseline}: "is 3.10 % slower than", "is 15.35 % faster than", "is the same as ...
     * within ±1 %", or "against ... is inconclusive", each with the effect's interval, or why it has none; the verdict
     * saying what it is of (under icount "is 3.10 % slower (instructions) than"), and a {@code same} that is
     * significant saying it is real but small.
     */
    public static String sentence(String baseline, String kernel, Effect effect, Criteria criteria, Measure measure) {
        Overhead overhead = effect.overhead();
        return switch (effect.verdict()) {
            case SLOWER, FASTER -> kernel + " is " + size(overhead.percent()) + " " + VerdictWords.of(effect.verdict(), measure) + " than " + baseline
                    + " " + interval(overhead);
            case SAME -> kernel + " is the " + VerdictWords.of(effect.verdict(), measure) + " as " + baseline + " within ±"
                    + Numbers.asWritten(criteria.thresholdPercent()) + " %: " + percent(overhead.percent()) + " " + interval(overhead)
                    + (VerdictWords.sameButSignificant(effect) ? ", a real difference smaller than what matters" : "");
            case INCONCLUSIVE -> kernel + " against " + baseline + " is inconclusive: " + (Double.isNaN(overhead.percent()) ? "no ratio (a value <= 0)"
                    : percent(overhead.percent()) + (overhead.hasInterval() ? " " + interval(overhead) : ", untested (it needs 2 rounds a side)"));
        };
    }

    /** An effect as the sentences give it: {@code +0.01 % [-0.02 %, +0.03 %]}, or without its interval when it has none. */
    public static String effect(Overhead overhead) {
        return percent(overhead.percent()) + (overhead.hasInterval() ? " " + interval(overhead) : "");
    }

    private static String interval(Overhead overhead) {
        return "[" + percent(overhead.ciLow()) + ", " + percent(overhead.ciHigh()) + "]";
    }

    /** Signed, as the table prints it, the sign apart: {@code -15.35 %}. */
    private static String percent(double value) {
        return Double.isNaN(value) ? "n/a" : Numbers.signedPercentDigits(value, 2) + " %";
    }

    /** How large, without the sign the verdict's word carries: {@code 15.35 %}. */
    private static String size(double value) {
        return percent(Math.abs(value)).substring(1);
    }
}
