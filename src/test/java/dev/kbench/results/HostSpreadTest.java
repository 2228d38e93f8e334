package dev.kbench.results;

import static dev.kbench.results.HostBlockedWelchTest.THREE_HOSTS;
import static dev.kbench.results.HostBlockedWelchTest.onHosts;
import static dev.kbench.results.HostBlockedWelchTest.side;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.results.format.HostSpreadText;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link HostSpread} and {@link HostSpreadText}: the hosts' variance components and the
 * heterogeneity of each effect. The expected values were computed independently with NumPy
 * 2.4.6 and SciPy 1.17.1 ({@code python3}), with these helpers:
 *
 * <pre>
 * import numpy as np
 * from scipy import stats
 * def random_effects(groups):   # one kernel's round means by host: one-way ANOVA, method of moments
 *     logs = [np.log(g) for g in groups]
 *     n = np.array([len(l) for l in logs]); N, H = n.sum(), len(logs)
 *     grand = np.concatenate(logs).mean()
 *     msw = sum(((l - l.mean())**2).sum() for l in logs) / (N - H)
 *     msb = sum(len(l) * (l.mean() - grand)**2 for l in logs) / (H - 1)
 *     n0 = (N - (n**2).sum() / N) / (H - 1)
 *     between = max(0.0, (msb - msw) / n0)
 *     assert np.isclose(msb / msw, stats.f_oneway(*logs).statistic)   # the same mean squares as SciPy's ANOVA
 *     cv = lambda var: np.sqrt(np.expm1(var)) * 100
 *     return between, msw, n0, cv(between), cv(msw)
 *
 * def cochran(hosts):   # Cochran's Q of the per-host effects, inverse-variance weighted
 *     d = np.array([np.log(b).mean() - np.log(a).mean() for a, b in hosts])
 *     v = np.array([np.log(a).var(ddof=1) / len(a) + np.log(b).var(ddof=1) / len(b) for a, b in hosts])
 *     w = 1 / v; pooled = (w * d).sum() / w.sum()
 *     q = (w * (d - pooled)**2).sum()
 *     return q, len(hosts) - 1, stats.chi2.sf(q, len(hosts) - 1), list(np.expm1(d) * 100)
 * </pre>
 *
 * {@code three} is {@link HostBlockedWelchTest#THREE_HOSTS} as a list of (baseline, other) pairs.
 */
class HostSpreadTest {

    private static HostSpread threeHosts() {
        return HostSpread.of("eventfd", List.of(side(THREE_HOSTS, 0, "base"), side(THREE_HOSTS, 1, "other"))).orElseThrow();
    }

    @Test
    void varianceComponentsOfUnbalancedHostsMatchNumpy() {
        HostSpread spread = threeHosts();
        assertEquals(List.of("node0", "node1", "node2"), spread.hosts());
        // random_effects([a for a, b in three]): hosts of 4, 3 and 2 rounds, n0 = 2.888...
        HostSpread.KernelSpread base = spread.kernels().get(0);
        assertEquals(3, base.hosts());
        assertEquals(0.004316284534700818, base.betweenVariance(), 1e-15);
        assertEquals(0.0005148247102381875, base.withinVariance(), 1e-16);
        assertEquals(6.576939339507125, base.betweenPercent(), 1e-9);
        assertEquals(2.2692669636342018, base.withinPercent(), 1e-9);
        // random_effects([b for a, b in three]): 3, 5 and 3 rounds, n0 = 3.5454...
        HostSpread.KernelSpread other = spread.kernels().get(1);
        assertEquals(0.006605527102729642, other.betweenVariance(), 1e-15);
        assertEquals(0.0003524244942079716, other.withinVariance(), 1e-16);
        assertEquals(8.140879382962698, other.betweenPercent(), 1e-9);
        assertEquals(1.8774626574609625, other.withinPercent(), 1e-9);
        // the workload's figures, from the two kernels' variances averaged: np.sqrt(np.expm1((a[0] + b[0]) / 2)) * 100
        assertEquals(7.399894420903198, spread.betweenPercent(), 1e-9);
        assertEquals(2.082591248808736, spread.withinPercent(), 1e-9);
    }

    @Test
    void aNegativeBetweenHostEstimateIsClippedAtZero() {
        // stats.f_oneway(np.log([100, 110, 90]), np.log([101, 109, 91])).statistic = 0.0026: MSB < MSW
        HostSpread spread = HostSpread.of("w", List.of(onHosts("base", new long[] {100, 110, 90}, new long[] {101, 109, 91}))).orElseThrow();
        assertEquals(0.0, spread.kernels().get(0).betweenVariance());
        assertTrue(spread.kernels().get(0).withinVariance() > 0);
    }

    @Test
    void cochransQMatchesNumpy() {
        // cochran(three)
        HostSpread.HostEffects effects = threeHosts().kernels().get(1).effect().orElseThrow();
        assertEquals(0.599117089696, effects.q(), 1e-9);
        assertEquals(2, effects.df());
        assertEquals(0.7411453308988665, effects.pValue(), 1e-12);
        assertFalse(effects.heterogeneous());
        assertEquals(3.8977756979992937, effects.percentByHost().get(0), 1e-9);
        assertEquals(4.054600228164442, effects.percentByHost().get(1), 1e-9);
        assertEquals(2.4207156552752607, effects.percentByHost().get(2), 1e-9);
        assertTrue(threeHosts().kernels().get(0).effect().isEmpty(), "the baseline has no effect against itself");
    }

    @Test
    void aLineForTheConsoleAndATableForTheComparisonFile() {
        HostSpread spread = threeHosts();
        assertEquals("eventfd: 3 hosts (node0, node1, node2); between hosts the round means spread by 7.4 % (SD; within a host 2.1 %);"
                + " other's effect by host +3.9 %, +4.1 %, +2.4 % (heterogeneity p = 0.7411)", HostSpreadText.line(spread));
        assertEquals(List.of(), HostSpreadText.warnings(spread));
        String md = HostSpreadText.markdown(List.of(spread));
        assertTrue(md.startsWith("# Hosts\n\n| workload | kernel | hosts | between hosts (SD) | within a host (SD) | effect by host | Q |"), md);
        assertTrue(md.contains("| eventfd | base | 3 | 6.58% | 2.27% | baseline | | |\n"), md);
        assertTrue(md.contains("| eventfd | other | 3 | 8.14% | 1.88% | node0 +3.90%, node1 +4.05%, node2 +2.42% | 0.60 | 0.7411 |\n"), md);
    }

    /** cochran(het) with het = [([100, 104, 98, 101], [103, 105, 101, 104]), ([100, 103, 97, 101], [110, 113, 108, 111])]. */
    @Test
    void anEffectThatDependsOnTheHostIsWarnedAbout() {
        HostSpread spread = HostSpread.of("getppid", List.of(onHosts("base", new long[] {100, 104, 98, 101}, new long[] {100, 103, 97, 101}),
                onHosts("lsm", new long[] {103, 105, 101, 104}, new long[] {110, 113, 108, 111}))).orElseThrow();
        HostSpread.HostEffects effects = spread.kernels().get(1).effect().orElseThrow();
        assertEquals(11.346548600489665, effects.q(), 1e-9);
        assertEquals(1, effects.df());
        assertEquals(0.0007558831319083763, effects.pValue(), 1e-14);
        assertEquals(2.494394002088553, effects.percentByHost().get(0), 1e-9);
        assertEquals(10.235603117605082, effects.percentByHost().get(1), 1e-9);
        assertEquals(List.of("getppid: the effect differs between hosts: lsm +2.5 % on node0, +10.2 % on node1 (heterogeneity p = 7.6e-04);"
                + " the combined effect averages them"), HostSpreadText.warnings(spread));
    }

    @Test
    void oneHostOrNoneSaysNothing() {
        assertEquals(Optional.empty(), HostSpread.of("w", List.of(onHosts("base", new long[] {1, 2}), onHosts("other", new long[] {3, 4}))));
        assertEquals(Optional.empty(), HostSpread.of("w", List.of(new KernelRounds("base", List.of(List.of(1L), List.of(2L))))));
    }

    @Test
    void oneRoundPerHostCannotTellHostsFromRounds() {
        HostSpread spread = HostSpread.of("w", List.of(onHosts("base", new long[] {100}, new long[] {110}),
                onHosts("other", new long[] {103}, new long[] {112}))).orElseThrow();
        HostSpread.KernelSpread other = spread.kernels().get(1);
        assertTrue(Double.isNaN(other.betweenVariance()) && Double.isNaN(other.withinVariance()), other.toString());
        HostSpread.HostEffects effects = other.effect().orElseThrow();
        assertEquals(3.0, effects.percentByHost().get(0), 1e-9);
        assertTrue(Double.isNaN(effects.pValue()));
        assertFalse(effects.heterogeneous());
        assertTrue(HostSpreadText.line(spread).contains("spread by n/a (SD; within a host n/a)"), HostSpreadText.line(spread));
    }

    /**
     * {@link HostBlockedWelchTest#plantedHostOffset}: host 1 is 10 % slower for both kernels. Two
     * levels 10 % apart have a standard deviation of log(1.1) / √2, 6.7 %; the difference between
     * two hosts, √2 times the SD, is the 10 % planted.
     */
    @Test
    void aPlantedHostOffsetIsReportedBetweenHosts() {
        HostSpread spread = HostSpread.of("w", HostBlockedWelchTest.plantedHostOffset(3)).orElseThrow();
        assertEquals(2, spread.hosts().size());
        for (HostSpread.KernelSpread kernel : spread.kernels()) {
            assertTrue(5.5 < kernel.betweenPercent() && kernel.betweenPercent() < 8, kernel.toString());
            double difference = Math.expm1(Math.sqrt(2 * kernel.betweenVariance())) * 100;
            assertEquals(10, difference, 1.5, kernel.toString());
            // round means of 3 runs with 1 % noise each: 1 / √3 %
            assertEquals(0.58, kernel.withinPercent(), 0.25, kernel.toString());
        }
        HostSpread.HostEffects effects = spread.kernels().get(1).effect().orElseThrow();
        effects.percentByHost().forEach(percent -> assertEquals(2, percent, 1, effects.toString()));
        assertEquals(List.of(), HostSpreadText.warnings(spread), "the kernel is 2 % slower on both hosts");
    }
}
