package dev.kbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.results.format.ComparisonMarkdown;
import dev.kbench.results.format.ComparisonText;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checked against figures worked out by hand (Welch's t-test with the closed-form CDF of t with 2 df). */
class ComparisonTest {

    private static final KernelRounds BASE = new KernelRounds("base", List.of(List.of(10L, 12L), List.of(14L, 16L)));
    private static final KernelRounds SLOW = new KernelRounds("slow", List.of(List.of(20L, 22L), List.of(24L, 26L)));

    @Test
    void statisticsOverRunsAndRoundMeans() {
        List<Comparison.Row> rows = Comparison.of(List.of(BASE, SLOW));
        Comparison.Row base = rows.get(0);
        assertEquals(13.0, base.mean(), 1e-9);
        assertEquals(Math.sqrt(20.0 / 3), base.stdev(), 1e-9);
        assertEquals(Math.sqrt(20.0 / 3) / 13, base.cv(), 1e-9);
        // round means 11 and 15: sd 2.828, t(0.975, 1 df) = 12.7062
        assertEquals(13 - 12.7062047 * Math.sqrt(8) / Math.sqrt(2), base.ciLow(), 1e-4);
        assertEquals(13 + 12.7062047 * Math.sqrt(8) / Math.sqrt(2), base.ciHigh(), 1e-4);
        assertFalse(base.tested());

        Comparison.Row slow = rows.get(1);
        assertEquals((23.0 / 13 - 1) * 100, slow.deltaPercent(), 1e-9);
        // Welch: t = 10 / sqrt(8/2 + 8/2) = 3.5355 with 2 df; p = 2 (1 - (1/2 + t / (2 sqrt(2 + t^2))))
        double t = 10 / Math.sqrt(8);
        double p = 2 * (1 - (0.5 + t / (2 * Math.sqrt(2 + t * t))));
        assertEquals(p, slow.pValue(), 1e-9);
        assertEquals(0.0715, slow.pValue(), 1e-4);
        assertFalse(slow.significant(), "two rounds cannot show this difference at 0.05");
    }

    @Test
    void clearlySeparatedRoundsAreSignificant() {
        KernelRounds a = new KernelRounds("a", List.of(List.of(100L), List.of(101L), List.of(99L), List.of(100L)));
        KernelRounds b = new KernelRounds("b", List.of(List.of(120L), List.of(121L), List.of(119L), List.of(120L)));
        Comparison.Row row = Comparison.of(List.of(a, b)).get(1);
        assertTrue(row.significant(), "p = " + row.pValue());
        assertEquals(20.0, row.deltaPercent(), 1e-9);
    }

    @Test
    void oneRoundGivesNoTestAndTheTableSaysWhy() {
        KernelRounds a = new KernelRounds("a", List.of(List.of(1L, 2L, 3L)));
        KernelRounds b = new KernelRounds("b", List.of(List.of(2L, 3L, 4L)));
        List<Comparison.Row> rows = Comparison.of(List.of(a, b));
        assertFalse(rows.get(1).tested());
        String text = ComparisonText.of(rows);
        assertTrue(text.contains("n/a (1 round)"), text);
        assertTrue(text.endsWith("No significance test: it needs at least 2 rounds (fresh VMs) per kernel; run more rounds.\n"), text);
    }

    @Test
    void markdownHasAHeaderSeparatorAndOneLinePerKernel() {
        String md = ComparisonMarkdown.table(Comparison.of(List.of(BASE, SLOW)));
        String[] lines = md.split("\n");
        assertEquals(4, lines.length);
        assertEquals("| kernel | rounds | runs | mean | stdev | CV | 95% CI (round means) | vs baseline | p (Welch) | significant |", lines[0]);
        assertTrue(lines[2].startsWith("| base | 2 | 4 | 13.0 | 2.6 | 19.86% | [-12.4, 38.4] | baseline |"), lines[2]);
        assertTrue(lines[3].startsWith("| slow | 2 | 4 | 23.0 |"), lines[3]);
        assertTrue(lines[3].endsWith("| +76.92% | 0.0715 | no |"), lines[3]);
    }
}
