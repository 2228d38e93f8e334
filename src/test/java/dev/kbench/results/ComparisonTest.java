package dev.kbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.results.format.ComparisonMarkdown;
import dev.kbench.results.format.ComparisonText;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The comparison table's rows. The spread is worked out by hand; the effects were computed with
 * SciPy 1.17.1 as in {@link OverheadTest}: {@code logwelch(a, b)} on the round means.
 */
class ComparisonTest {

    private static final KernelRounds BASE = new KernelRounds("base", List.of(List.of(10L, 12L), List.of(14L, 16L)));
    private static final KernelRounds SLOW = new KernelRounds("slow", List.of(List.of(20L, 22L), List.of(24L, 26L)));

    @Test
    void theSpreadIsOfTheRoundMeansWithThePerRunCvBeside() {
        List<Comparison.Row> rows = Comparison.of(List.of(BASE, SLOW)).rows();
        Comparison.Row base = rows.get(0);
        // round means 11 and 15: mean 13, sd sqrt(8), t(0.975, 1 df) = 12.7062
        assertEquals(13.0, base.mean(), 1e-9);
        assertEquals(Math.sqrt(8), base.stdev(), 1e-9);
        assertEquals(Math.sqrt(8) / 13, base.cv(), 1e-9);
        // runs 10, 12, 14, 16: sd sqrt(20/3)
        assertEquals(Math.sqrt(20.0 / 3) / 13, base.runCv(), 1e-9);
        assertEquals(13 - 12.7062047 * Math.sqrt(8) / Math.sqrt(2), base.ciLow(), 1e-4);
        assertEquals(13 + 12.7062047 * Math.sqrt(8) / Math.sqrt(2), base.ciHigh(), 1e-4);
        assertFalse(base.tested());
        assertTrue(base.effect().isEmpty());

        Comparison.Row slow = rows.get(1);
        Effect effect = slow.effect().orElseThrow();
        // logwelch([11, 15], [21, 25]): +78.3765 %, CI [-34.5183 %, +385.9094 %], p = 0.11271922201470899
        assertEquals(78.37651700316887, effect.overhead().percent(), 1e-9);
        assertEquals(-34.51827951303172, effect.overhead().ciLow(), 1e-7);
        assertEquals(0.11271922201470899, effect.overhead().pValue(), 1e-10);
        assertEquals(effect.overhead().pValue(), effect.qValue(), 0, "one comparison: BH leaves p as it is");
        assertEquals(Verdict.INCONCLUSIVE, effect.verdict(), "two rounds cannot show this difference");
    }

    @Test
    void clearlySeparatedRoundsAreSlower() {
        KernelRounds a = new KernelRounds("a", List.of(List.of(100L), List.of(101L), List.of(99L), List.of(100L)));
        KernelRounds b = new KernelRounds("b", List.of(List.of(120L), List.of(121L), List.of(119L), List.of(120L)));
        Effect effect = Comparison.of(List.of(a, b)).rows().get(1).effect().orElseThrow();
        // logwelch([100, 101, 99, 100], [120, 121, 119, 120]): p = 6.2243243341289e-08
        assertEquals(6.2243243341289e-08, effect.overhead().pValue(), 1e-15);
        assertEquals(20.000916747837064, effect.overhead().percent(), 1e-9);
        assertEquals(Verdict.SLOWER, effect.verdict());
    }

    @Test
    void oneRoundGivesNoTestAndTheTableSaysWhy() {
        KernelRounds a = new KernelRounds("a", List.of(List.of(1L, 2L, 3L)));
        KernelRounds b = new KernelRounds("b", List.of(List.of(2L, 3L, 4L)));
        Comparison comparison = Comparison.of(List.of(a, b));
        assertFalse(comparison.rows().get(1).tested());
        String text = ComparisonText.of(comparison);
        assertTrue(text.contains("n/a (1 round)"), text);
        assertTrue(text.contains("n/a (needs 2 rounds a side)"), text);
        assertTrue(text.endsWith("No significance test: it needs at least 2 rounds (fresh VMs) per kernel; run more rounds.\n"), text);
    }

    @Test
    void oneKernelIsNoComparisonAndTheTableSaysSoNotThatRoundsAreMissing() {
        KernelRounds a = new KernelRounds("a", List.of(List.of(1L, 2L, 3L), List.of(2L, 3L, 4L)));
        String text = ComparisonText.of(Comparison.of(List.of(a)));
        assertTrue(text.endsWith("No comparison: one kernel was measured; give two or more with -k, the first the baseline.\n"), text);
    }

    @Test
    void markdownHasAHeaderSeparatorAndOneLinePerKernel() {
        String md = ComparisonMarkdown.table(Comparison.of(List.of(BASE, SLOW)));
        String[] lines = md.split("\n");
        assertEquals(4, lines.length);
        assertEquals("| kernel | rounds | runs | mean | stdev | CV | CV (runs) | 95% CI of the mean | vs baseline | 95% CI vs baseline"
                + " | p (Welch, logs) | q | verdict |", lines[0]);
        assertEquals("| base | 2 | 4 | 13.0 | 2.8 | 21.76% | 19.86% | [-12.4, 38.4] | baseline |  |  |  |  |", lines[2]);
        assertTrue(lines[3].startsWith("| slow | 2 | 4 | 23.0 | 2.8 | 12.30% | 11.23% | [-2.4, 48.4] |"), lines[3]);
        // two rounds a side: Welch's df are at most 2, and the interval says so
        assertTrue(lines[3].endsWith("| +78.38% | [-34.52%, +385.91%] (df<4) | 0.1127 | 0.1127 | inconclusive |"), lines[3]);
    }

    @Test
    void anIcountRowsCvAndCiShowTheirDigits() {
        // round means a few parts per million apart, as under icount
        KernelRounds a = new KernelRounds("a", List.of(List.of(100_000_000L), List.of(100_000_400L), List.of(99_999_700L)));
        KernelRounds b = new KernelRounds("b", List.of(List.of(100_003_000L), List.of(100_002_500L), List.of(100_003_600L)));
        String md = ComparisonMarkdown.table(Comparison.of(List.of(a, b)));
        String base = md.split("\n")[2];
        // sd of 0, 400 and -300 around 100,000,033: 351.2; CV 0.00035 %; the CV printed as 0.00% before
        assertTrue(base.startsWith("| a | 3 | 3 | 100000033.3 | 351.2 | 0.00035% | 0.00035% | [99999160.9, 100000905.7] |"), base);
        assertTrue(md.split("\n")[3].contains("| +0.0030% | [+0.0019%, +0.0041%] (df<4) |"), md);
    }

    @Test
    void smallProbabilitiesAreInScientificNotationAndTheLegendNamesTheCorrection() {
        KernelRounds a = new KernelRounds("a", List.of(List.of(100L), List.of(101L), List.of(99L), List.of(100L)));
        KernelRounds b = new KernelRounds("b", List.of(List.of(120L), List.of(121L), List.of(119L), List.of(120L)));
        String text = ComparisonText.of(Comparison.of(List.of(a, b)));
        assertTrue(text.contains("  6.2e-08  6.2e-08   slower\n"), text);
        assertTrue(text.contains("q: p adjusted by Benjamini-Hochberg over 1 tested comparison."), text);
        assertTrue(text.contains("Verdict (threshold 1%): slower/faster = q < 0.05 and the CI beyond +/-1%;"), text);
        assertTrue(text.chars().allMatch(c -> c < 128), "ASCII for any console: " + text);
    }
}
