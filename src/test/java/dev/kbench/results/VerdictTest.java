package dev.kbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Verdict} with the threshold 1 %, and {@link Analysis} correcting over every comparison of
 * a result. The intervals and p-values were computed independently with SciPy 1.17.1, and so were
 * the two one-sided tests (TOST) that "same" stands for:
 *
 * <pre>
 * import numpy as np
 * from scipy import stats
 * def show(a, b, th=1.0):   # a: the baseline's round means, b: the other kernel's
 *     la, lb = np.log(a), np.log(b)
 *     r = stats.ttest_ind(lb, la, equal_var=False)
 *     ci, ci90 = r.confidence_interval(0.95), r.confidence_interval(0.90)
 *     p_low = stats.ttest_ind(lb - np.log1p(-th / 100), la, equal_var=False, alternative='greater').pvalue
 *     p_high = stats.ttest_ind(lb - np.log1p(th / 100), la, equal_var=False, alternative='less').pvalue
 *     return np.expm1([ci.low, ci.high]) * 100, r.pvalue, max(p_low, p_high), np.expm1([ci90.low, ci90.high]) * 100
 * </pre>
 */
class VerdictTest {

    private static final double[] BASE = {1000, 1002, 998, 1001, 999};
    private static final double THRESHOLD = 1.0;

    private static Verdict verdict(double[] other, double q) {
        return Verdict.of(Overhead.of("other", BASE, other), q, THRESHOLD);
    }

    private static Verdict verdict(double[] other) {
        return verdict(other, Overhead.of("other", BASE, other).pValue());
    }

    @Test
    void sameWhenTheIntervalLiesInsideTheThreshold() {
        // CI [-0.2303 %, +0.2309 %], TOST p = 4.4e-06
        double[] other = {1001, 999, 1000, 1002, 998};
        Overhead o = Overhead.of("other", BASE, other);
        assertEquals(-0.23033503603264385, o.ciLow(), 1e-7);
        assertEquals(0.23086680316690575, o.ciHigh(), 1e-7);
        assertEquals(Verdict.SAME, verdict(other));
    }

    @Test
    void slowerAndFasterWhenSignificantAndTheIntervalLiesBeyondTheThreshold() {
        // +10 %: CI [+9.7575 %, +10.2431 %], p = 1.43e-13; -10 %: CI [-10.2195 %, -9.7800 %], p = 1.50e-13
        double[] slower = {1100, 1102, 1098, 1101, 1099};
        double[] faster = {900, 902, 898, 901, 899};
        assertEquals(9.757500178129938, Overhead.of("other", BASE, slower).ciLow(), 1e-7);
        assertEquals(1.4265913805049476e-13, Overhead.of("other", BASE, slower).pValue(), 1e-17);
        assertEquals(-9.779957142876244, Overhead.of("other", BASE, faster).ciHigh(), 1e-7);
        assertEquals(Verdict.SLOWER, verdict(slower));
        assertEquals(Verdict.FASTER, verdict(faster));
        assertEquals("slower", Verdict.SLOWER.word());
    }

    @Test
    void aSignificantDifferenceTooSmallToMatterIsTheSame() {
        // +0.5 %: p = 0.00105, CI [+0.2691 %, +0.7314 %] inside ±1 %, TOST p = 0.00054
        double[] other = {1005, 1007, 1003, 1006, 1004};
        assertEquals(0.0010529473210568862, Overhead.of("other", BASE, other).pValue(), 1e-12);
        assertEquals(Verdict.SAME, verdict(other));
    }

    @Test
    void inconclusiveWhenTheIntervalStraddlesTheThreshold() {
        // +1.5 %: significant (p = 0.0118) but CI [+0.5300 %, +2.4746 %] crosses +1 %: maybe a difference that does not matter
        double[] other = {1015, 1025, 1005, 1020, 1010};
        assertEquals(0.5299572566035657, Overhead.of("other", BASE, other).ciLow(), 1e-7);
        assertEquals(Verdict.INCONCLUSIVE, verdict(other));
        // untested (one round a side): nothing is established
        assertEquals(Verdict.INCONCLUSIVE, Verdict.of(Overhead.of("other", new double[] {1000}, new double[] {1000}), Double.NaN, THRESHOLD));
    }

    @Test
    void sameIsTostAtTwoAndAHalfPercentNotFive() {
        // 90 % CI [-0.8347 %, +0.9235 %] inside ±1 % (TOST at 5 %: p = 0.039 would say equivalent),
        // but the 95 % CI shown, [-1.0444 %, +1.1374 %], is not: TOST at 2.5 % each side is not passed
        double[] base = {1000, 1010, 990, 1005, 995};
        Overhead o = Overhead.of("other", base, new double[] {1000, 1010, 992, 1004, 996});
        assertEquals(-1.044405688150054, o.ciLow(), 1e-7);
        assertEquals(1.1374042606247965, o.ciHigh(), 1e-7);
        assertEquals(Verdict.INCONCLUSIVE, Verdict.of(o, o.pValue(), THRESHOLD));
    }

    @Test
    void theCorrectionCanTurnARawFindingInconclusive() {
        // one real-looking effect among A/A comparisons: show([1000, 1020, 980, 1010, 990], [1040, 1090, 1020, 1070, 1030])
        // gives +4.98 %, CI [+1.4322 %, +8.6485 %], p = 0.013032115113805384; with three A/A comparisons (p = 1)
        // false_discovery_control([0.013032115113805384, 1, 1, 1], method='bh')[0] = 0.052128460455221536, Holm's the same
        List<WorkloadResults> workloads = new ArrayList<>();
        workloads.add(workload("w0", new long[] {1000, 1020, 980, 1010, 990}, new long[] {1040, 1090, 1020, 1070, 1030}));
        for (int w = 1; w <= 3; w++) {
            workloads.add(workload("w" + w, new long[] {1000, 1002, 998, 1001, 999}, new long[] {1000, 1002, 998, 1001, 999}));
        }
        Effect raw = effect(Analysis.of(workloads, new Criteria(Correction.NONE, THRESHOLD)));
        assertEquals(0.013032115113805384, raw.qValue(), 1e-12);
        assertEquals(Verdict.SLOWER, raw.verdict());
        for (Correction correction : List.of(Correction.BH, Correction.HOLM)) {
            Analysis analysis = Analysis.of(workloads, new Criteria(correction, THRESHOLD));
            Effect corrected = effect(analysis);
            assertEquals(0.052128460455221536, corrected.qValue(), 1e-12, correction.toString());
            assertEquals(Verdict.INCONCLUSIVE, corrected.verdict(), correction.toString());
            assertEquals(4, analysis.comparisons().get(0).family());
            assertEquals(Verdict.SAME, analysis.comparisons().get(1).rows().get(1).effect().orElseThrow().verdict());
        }
        // a wider threshold: the same interval no longer lies beyond it
        assertEquals(Verdict.INCONCLUSIVE, effect(Analysis.of(workloads, new Criteria(Correction.NONE, 2))).verdict());
    }

    @Test
    void criteriaRefuseAThresholdThatIsNotAPercentage() {
        assertThrows(IllegalArgumentException.class, () -> new Criteria(Correction.BH, -1));
        assertThrows(IllegalArgumentException.class, () -> new Criteria(Correction.BH, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new Criteria(Correction.BH, 100));
        assertTrue(new Criteria(Correction.BH, 0).thresholdPercent() == 0);
    }

    private static Effect effect(Analysis analysis) {
        return analysis.comparisons().get(0).rows().get(1).effect().orElseThrow();
    }

    /** A workload of a baseline and one other kernel, one run per round. */
    private static WorkloadResults workload(String name, long[] base, long[] other) {
        return new WorkloadResults(name, List.of(oneRunRounds("base", base), oneRunRounds("other", other)));
    }

    private static KernelRounds oneRunRounds(String kernel, long[] values) {
        return new KernelRounds(kernel, Arrays.stream(values).mapToObj(v -> List.of(v)).toList());
    }
}
