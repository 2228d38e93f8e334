package dev.kbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.results.format.ComparisonCells;
import dev.kbench.results.format.ComparisonMarkdown;
import dev.kbench.results.format.ComparisonText;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A comparison whose test rests on fewer than 4 degrees of freedom is marked beside its interval,
 * in the console table and the Markdown, with one line of legend saying what the mark means.
 */
class FewDegreesOfFreedomTest {

    private static KernelRounds rounds(String kernel, long... means) {
        return new KernelRounds(kernel, java.util.Arrays.stream(means).mapToObj(m -> List.of(m)).toList());
    }

    @Test
    void threeRoundsASideAreMarkedAndTheLegendSaysWhy() {
        // Welch-Satterthwaite: at most 2(n - 1) = 4 with 3 rounds a side, less when the spreads differ
        Comparison comparison = Comparison.of(List.of(rounds("a", 1000, 1010, 990), rounds("b", 1050, 1051, 1049)));
        Overhead overhead = comparison.overheads().get(0);
        assertTrue(overhead.df() < 4, "df " + overhead.df());
        assertTrue(overhead.fewDegreesOfFreedom());
        String text = ComparisonText.of(comparison);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("b ") && l.contains("] (df<4)  ")), text);
        assertTrue(text.endsWith("\n(df<4) Welch's test rests on fewer than 4 degrees of freedom: its interval leans on a normality"
                + " that so few round means cannot check; add rounds.\n"), text);
        assertTrue(text.chars().allMatch(c -> c < 128), "ASCII for any console: " + text);
        String markdown = ComparisonMarkdown.of(new Analysis(Criteria.DEFAULT, List.of(comparison)));
        assertTrue(markdown.contains("] (df<4) |"), markdown);
        assertTrue(markdown.contains(ComparisonCells.FEW_DF_LEGEND), markdown);
    }

    @Test
    void thePooledTestNamesItselfInTheLegend() {
        // three kernels of two rounds: the pooled variance has 3 degrees of freedom
        Comparison comparison = Comparison.of(List.of(rounds("a", 1000, 1010), rounds("b", 1050, 1040), rounds("c", 990, 1000)));
        assertEquals(KernelTest.POOLED, comparison.test());
        assertEquals(3, comparison.overheads().get(0).df());
        String text = ComparisonText.of(comparison);
        assertTrue(text.contains(" p (pooled, logs) "), text);
        assertTrue(text.endsWith("\n(df<4) The pooled test rests on fewer than 4 degrees of freedom: its interval leans on a normality"
                + " that so few round means cannot check; add rounds.\n"), text);
    }

    @Test
    void enoughRoundsAreNotMarked() {
        Comparison comparison = Comparison.of(List.of(rounds("a", 1000, 1010, 990, 1005, 995, 1000),
                rounds("b", 1050, 1060, 1040, 1055, 1045, 1050)));
        assertTrue(comparison.overheads().get(0).df() >= 4, "df " + comparison.overheads().get(0).df());
        String text = ComparisonText.of(comparison);
        assertFalse(text.contains("df<4"), text);
    }

    @Test
    void noSpreadAndNoTestAreNotMarked() {
        // every round alike: no interval leans on anything; one round a side: there is no test
        Comparison flat = Comparison.of(List.of(rounds("a", 1000, 1000), rounds("b", 1000, 1000)));
        assertFalse(flat.overheads().get(0).fewDegreesOfFreedom());
        assertFalse(ComparisonText.of(flat).contains("df<4"), ComparisonText.of(flat));
        Comparison untested = Comparison.of(List.of(rounds("a", 1000), rounds("b", 1001)));
        assertFalse(ComparisonText.of(untested).contains("df<4"), ComparisonText.of(untested));
        assertEquals("[+0.00%, +0.00%]", ComparisonCells.of(flat).get(1).get(9));
    }
}
