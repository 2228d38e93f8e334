package dev.kbench.results.format;

import dev.kbench.results.Comparison;
import dev.kbench.results.Criteria;
import dev.kbench.results.Effect;
import dev.kbench.results.Measure;
import dev.kbench.results.Verdict;

/**
 * A verdict as a person reads it, with what it is of: under icount {@code slower (instructions)},
 * since there it means more guest instructions, not more time. Only what people read changes:
 * {@link Verdict#word()} stays the one word that files and other code compare.
 */
public final class VerdictWords {

    /** What follows a verdict measured in guest instructions. */
    public static final String INSTRUCTIONS = "(instructions)";

    private VerdictWords() {
    }

    /** {@code slower}, or {@code slower (instructions)}; {@code inconclusive} claims nothing, so says nothing of what was counted. */
    public static String of(Verdict verdict, Measure measure) {
        return measure == Measure.INSTRUCTIONS && verdict != Verdict.INCONCLUSIVE ? verdict.word() + " " + INSTRUCTIONS : verdict.word();
    }

    /** Whether an effect is {@code same} although significant: real, but inside the threshold, which puzzles without a word. */
    public static boolean sameButSignificant(Effect effect) {
        return effect.verdict() == Verdict.SAME && effect.significant();
    }

    /** Whether any kernel of the comparison is {@link #sameButSignificant}. */
    public static boolean anySameButSignificant(Comparison comparison) {
        return comparison.rows().stream().flatMap(r -> r.effect().stream()).anyMatch(VerdictWords::sameButSignificant);
    }

    /** The legend's phrase for such a verdict. ASCII: it goes to the console too. */
    public static String sameButSignificantNote(Criteria criteria) {
        String threshold = CriteriaText.threshold(criteria);
        return String.format(java.util.Locale.ROOT, "Same with q < %.2f: a real difference, but its whole CI lies inside +/-%s, smaller than what matters",
                Criteria.ALPHA, threshold);
    }

    /** The legend's phrase for values in instructions. ASCII: it goes to the console too. */
    public static String instructionsNote() {
        return "Values are guest instructions (icount), not time: slower/faster mean more/fewer instructions executed";
    }
}
