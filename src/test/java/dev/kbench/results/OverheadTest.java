package dev.kbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Overhead}, the report's Welch interval of the overhead, checked against figures worked out by hand. */
class ReportOverheadTest {

    /** Rounds of one run each, so the round means are the values themselves. */
    private static KernelRounds rounds(String kernel, long... values) {
        return new KernelRounds(kernel, java.util.Arrays.stream(values).mapToObj(v -> List.of(v)).toList());
    }

    @Test
    void equalSizesAndVariancesGiveTheTextbookInterval() {
        // baseline 10, 12, 14: mean 12, s² 4; other 13, 15, 17: mean 15, s² 4; n = 3 each
        // se = sqrt(4/3 + 4/3) = 1.632993; df = (8/3)² / (2 (4/3)² / 2) = 4; t(0.975, 4) = 2.776445 (table)
        // half-width 2.776445 * 1.632993 = 4.533917; difference 3 => [-1.533917, 7.533917], / 12 * 100
        Overhead o = Overhead.of(rounds("base", 10, 12, 14), rounds("other", 13, 15, 17));
        assertEquals("other", o.kernel());
        assertEquals(25.0, o.percent(), 1e-9);
        assertEquals(4.0, o.welchDf(), 1e-9);
        assertEquals(-12.7826, o.ciLow(), 1e-3);
        assertEquals(62.7826, o.ciHigh(), 1e-3);
        assertTrue(o.hasInterval());
    }

    @Test
    void unequalSizesAndVariancesUseWelchSatterthwaite() {
        // baseline 10, 14: mean 12, s² 8, s²/n = 4; other 20, 21, 22, 23: mean 21.5, s² 5/3, s²/n = 5/12
        // df = (4 + 5/12)² / (4² / 1 + (5/12)² / 3) = 19.506944 / 16.057870 = 1.214790
        Overhead o = Overhead.of(rounds("base", 10, 14), rounds("other", 20, 21, 22, 23));
        assertEquals(9.5 / 12 * 100, o.percent(), 1e-9);
        assertEquals(1.214790, o.welchDf(), 1e-6);
        // symmetric around the difference, half-width t * sqrt(53/12) in percent of 12
        double halfWidth = (o.ciHigh() - o.ciLow()) / 2;
        assertEquals(o.percent(), (o.ciHigh() + o.ciLow()) / 2, 1e-9);
        // with 1.21 df the t quantile lies between t(0.975, 2) = 4.3027 and t(0.975, 1) = 12.7062
        double t = halfWidth / 100 * 12 / Math.sqrt(53.0 / 12);
        assertTrue(t > 4.3027 && t < 12.7062, "t = " + t);
    }

    @Test
    void roundMeansNotRunsAreTheSamples() {
        // two rounds of two runs: means 11 and 15 (baseline), 14 and 18: like n = 2 with s² 8 each
        KernelRounds base = new KernelRounds("base", List.of(List.of(10L, 12L), List.of(14L, 16L)));
        KernelRounds other = new KernelRounds("other", List.of(List.of(13L, 15L), List.of(17L, 19L)));
        Overhead o = Overhead.of(base, other);
        // se = sqrt(8/2 + 8/2) = 2.828427, df = 2, t(0.975, 2) = 4.302653 => half-width 12.169740, / 13 * 100
        assertEquals(3.0 / 13 * 100, o.percent(), 1e-9);
        assertEquals(2.0, o.welchDf(), 1e-9);
        assertEquals((3 - 12.169740) / 13 * 100, o.ciLow(), 1e-4);
        assertEquals((3 + 12.169740) / 13 * 100, o.ciHigh(), 1e-4);
    }

    @Test
    void oneRoundGivesTheOverheadWithoutAnInterval() {
        Overhead o = Overhead.of(new KernelRounds("base", List.of(List.of(10L, 10L))), new KernelRounds("slow", List.of(List.of(11L, 11L))));
        assertEquals(10.0, o.percent(), 1e-9);
        assertFalse(o.hasInterval());
        assertTrue(Double.isNaN(o.welchDf()));
    }

    @Test
    void noSpreadAtAllGivesAPointInterval() {
        Overhead o = Overhead.of(rounds("base", 10, 10), rounds("same", 12, 12));
        assertEquals(20.0, o.percent(), 1e-9);
        assertEquals(20.0, o.ciLow(), 1e-9);
        assertEquals(20.0, o.ciHigh(), 1e-9);
    }
}
