package dev.kbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Overhead}: Welch's t-test on log round means, exponentiated. The expected values were
 * computed independently with SciPy 1.17.1 ({@code python3}), with this helper:
 *
 * <pre>
 * import numpy as np
 * from scipy import stats
 * def logwelch(a, b):   # a: the baseline's round means, b: the other kernel's
 *     la, lb = np.log(a), np.log(b)
 *     r = stats.ttest_ind(lb, la, equal_var=False)
 *     ci = r.confidence_interval(0.95)
 *     return np.expm1(lb.mean() - la.mean()) * 100, np.expm1(ci.low) * 100, np.expm1(ci.high) * 100, r.df, r.pvalue
 * </pre>
 */
class OverheadTest {

    /** Rounds of one run each, so the round means are the values themselves. */
    private static KernelRounds rounds(String kernel, long... values) {
        return new KernelRounds(kernel, Arrays.stream(values).mapToObj(v -> List.of(v)).toList());
    }

    /** The figures logwelch printed, to 1e-9 of their size (the t quantile is Commons Math's, not SciPy's). */
    private static void assertScipy(Overhead o, double percent, double ciLow, double ciHigh, double df, double p) {
        double[] expected = {percent, ciLow, ciHigh, df, p};
        double[] actual = {o.percent(), o.ciLow(), o.ciHigh(), o.df(), o.pValue()};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], Math.abs(expected[i]) * 1e-9, "value " + i + " of (percent, ciLow, ciHigh, df, p)");
        }
    }

    @Test
    void unequalSizesAndVariancesMatchScipy() {
        // logwelch([100, 104, 98, 101, 97], [110, 108, 113, 109])
        Overhead o = Overhead.of(rounds("base", 100, 104, 98, 101, 97), rounds("other", 110, 108, 113, 109));
        assertEquals("other", o.kernel());
        assertScipy(o, 10.01701081661258, 6.023072783008999, 14.161402337344498, 6.959376374246193, 0.0004965290619545522);
        assertTrue(o.hasInterval() && o.tested());
    }

    @Test
    void equalSizesMatchScipy() {
        // logwelch([10, 12, 14], [13, 15, 17]): the ratio of geometric means, not of arithmetic means (+25 %)
        Overhead o = Overhead.of(rounds("base", 10, 12, 14), rounds("other", 13, 15, 17));
        assertScipy(o, 25.42711038017254, -11.801420724220325, 78.36976680915949, 3.810267941178024, 0.14611437369713604);
    }

    @Test
    void roundMeansNotRunsAreTheSamples() {
        // two rounds of two runs: round means 11 and 15 (baseline), 14 and 18; logwelch([11, 15], [14, 18])
        KernelRounds base = new KernelRounds("base", List.of(List.of(10L, 12L), List.of(14L, 16L)));
        KernelRounds other = new KernelRounds("other", List.of(List.of(13L, 15L), List.of(17L, 19L)));
        Overhead o = Overhead.of(base, other);
        assertScipy(o, 23.582876130664847, -49.510900325615204, 202.49553609045114, 1.9175810550011594, 0.40397640522274897);
    }

    @Test
    void theIntervalNeverReachesMinus100Percent() {
        // logwelch([10, 100], [5, 6]); the interval of the difference of arithmetic means, divided by the
        // baseline's mean (as before), went from -1130 % to +1030 % here
        Overhead o = Overhead.of(rounds("base", 10, 100), rounds("fast", 5, 6));
        assertScipy(o, -82.67949192431124, -99.99998880360023, 26794227.317142777, 1.012538846564818, 0.3686374725386312);
        assertTrue(o.ciLow() > -100, "no time is 100 % faster");
    }

    @Test
    void oneRoundGivesTheRatioWithoutAnIntervalOrTest() {
        Overhead o = Overhead.of(new KernelRounds("base", List.of(List.of(10L, 10L))), new KernelRounds("slow", List.of(List.of(11L, 11L))));
        assertEquals(10.0, o.percent(), 1e-9);
        assertFalse(o.hasInterval());
        assertFalse(o.tested());
        assertTrue(Double.isNaN(o.df()));
    }

    @Test
    void noSpreadAtAllGivesAPointIntervalAndTheLimitOfP() {
        Overhead differ = Overhead.of(rounds("base", 10, 10), rounds("other", 12, 12));
        assertEquals(20.0, differ.percent(), 1e-9);
        assertEquals(20.0, differ.ciLow(), 1e-9);
        assertEquals(20.0, differ.ciHigh(), 1e-9);
        assertEquals(0.0, differ.pValue());
        // an A/A run of a workload that prints a constant: the same, with certainty
        Overhead same = Overhead.of(rounds("base", 42, 42), rounds("same", 42, 42));
        assertEquals(0.0, same.percent());
        assertEquals(1.0, same.pValue());
    }

    @Test
    void aValueThatIsNotPositiveHasNoRatio() {
        // count_args prints 0: a ratio of geometric means (a difference of logs) is undefined
        Overhead o = Overhead.of(rounds("base", 0, 0), rounds("other", 0, 0));
        assertTrue(Double.isNaN(o.percent()));
        assertFalse(o.hasInterval());
        assertFalse(o.tested());
    }
}
