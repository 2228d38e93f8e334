package dev.kbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link HostBlockedWelch}, through {@link Overhead#of(KernelRounds, KernelRounds)}: Welch within
 * each host, combined with round-count weights. The expected values were computed independently
 * with NumPy 2.4.6 and SciPy 1.17.1 ({@code python3}), with this helper:
 *
 * <pre>
 * import numpy as np
 * from scipy import stats
 * def blocked(hosts):   # hosts: [(a, b)], a the baseline's round means on a host, b the other kernel's
 *     d_h, ta, tb, na, nb = [], [], [], [], []
 *     for a, b in hosts:
 *         la, lb = np.log(a), np.log(b)
 *         d_h.append(lb.mean() - la.mean()); na.append(len(la)); nb.append(len(lb))
 *         ta.append(la.var(ddof=1) / len(la)); tb.append(lb.var(ddof=1) / len(lb))
 *     d_h, ta, tb, na, nb = map(np.array, (d_h, ta, tb, na, nb))
 *     w = 1 / (1 / na + 1 / nb); w = w / w.sum()
 *     d = (w * d_h).sum(); var = (w**2 * (ta + tb)).sum()
 *     df = var**2 / (((w**2 * ta)**2 / (na - 1)) + ((w**2 * tb)**2 / (nb - 1))).sum()
 *     h = stats.t.ppf(0.975, df) * np.sqrt(var)
 *     p = 2 * stats.t.sf(abs(d) / np.sqrt(var), df)
 *     return np.expm1(d) * 100, np.expm1(d - h) * 100, np.expm1(d + h) * 100, df, p
 *
 * def ols_kernel_effect(hosts):   # cross-check of d: least squares with one intercept per host and a kernel term
 *     rows, y = [], []
 *     for i, (a, b) in enumerate(hosts):
 *         for k, values in ((0, a), (1, b)):
 *             for v in values:
 *                 rows.append([1.0 if j == i else 0.0 for j in range(len(hosts))] + [k]); y.append(np.log(v))
 *     return np.expm1(np.linalg.lstsq(np.array(rows), np.array(y), rcond=None)[0][-1]) * 100
 * </pre>
 */
class HostBlockedWelchTest {

    /** Round means on three hosts, unbalanced: (baseline, other) per host. */
    static final long[][][] THREE_HOSTS = {
        {{100, 104, 98, 101}, {103, 107, 104}},
        {{110, 113, 108}, {114, 112, 117, 115, 116}},
        {{95, 97}, {99, 96, 100}},
    };

    /** One kernel's rounds of one run each, host {@code "node" + h} for the values of {@code byHost[h]}, hosts interleaved. */
    static KernelRounds onHosts(String kernel, long[]... byHost) {
        List<List<Long>> rounds = new ArrayList<>();
        List<String> hosts = new ArrayList<>();
        int longest = 0;
        for (long[] values : byHost) {
            longest = Math.max(longest, values.length);
        }
        // round i of every host, then round i + 1: as a sharded run's rounds interleave
        for (int i = 0; i < longest; i++) {
            for (int h = 0; h < byHost.length; h++) {
                if (i < byHost[h].length) {
                    rounds.add(List.of(byHost[h][i]));
                    hosts.add("node" + h);
                }
            }
        }
        return new KernelRounds(kernel, rounds, hosts);
    }

    static KernelRounds side(long[][][] hosts, int side, String kernel) {
        long[][] values = new long[hosts.length][];
        for (int h = 0; h < hosts.length; h++) {
            values[h] = hosts[h][side];
        }
        return onHosts(kernel, values);
    }

    private static void assertScipy(Overhead o, double percent, double ciLow, double ciHigh, double df, double p) {
        double[] expected = {percent, ciLow, ciHigh, df, p};
        double[] actual = {o.percent(), o.ciLow(), o.ciHigh(), o.df(), o.pValue()};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], Math.abs(expected[i]) * 1e-9, "value " + i + " of (percent, ciLow, ciHigh, df, p)");
        }
    }

    @Test
    void threeUnbalancedHostsMatchNumpy() {
        // blocked(THREE_HOSTS); ols_kernel_effect gives the same ratio, 3.5868452169493388: with these
        // weights the estimate is least squares' with a host term
        Overhead o = Overhead.of(side(THREE_HOSTS, 0, "base"), side(THREE_HOSTS, 1, "other"));
        assertEquals("other", o.kernel());
        assertScipy(o, 3.5868452169493157, 1.46238166733037, 5.755791709896535, 10.569736522333763, 0.003369985976758719);
    }

    @Test
    void oneHostIsWelchToTheBit() {
        // logwelch([100, 104, 98, 101, 97], [110, 108, 113, 109]) of OverheadTest; scipy.stats.ttest_ind agrees
        long[] base = {100, 104, 98, 101, 97};
        long[] other = {110, 108, 113, 109};
        Overhead unknown = Overhead.of(new KernelRounds("base", rounds(base)), new KernelRounds("other", rounds(other)));
        Overhead named = Overhead.of(onHosts("base", base), onHosts("other", other));
        assertEquals(unknown, named);
        // and the blocked test itself, given one host, is Welch's
        Overhead blocked = HostBlockedWelch.blocked("other", HostPair.of(onHosts("base", base), onHosts("other", other)));
        assertEquals(unknown, blocked);
        assertScipy(blocked, 10.01701081661258, 6.023072783008999, 14.161402337344498, 6.959376374246193, 0.0004965290619545522);
    }

    private static List<List<Long>> rounds(long... values) {
        return java.util.Arrays.stream(values).mapToObj(v -> List.of(v)).toList();
    }

    @Test
    void aHostWhereAKernelHasOneRoundIsLeftOut() {
        long[][][] four = {THREE_HOSTS[0], THREE_HOSTS[1], THREE_HOSTS[2], {{90, 91, 92}, {200}}};
        assertEquals(Overhead.of(side(THREE_HOSTS, 0, "base"), side(THREE_HOSTS, 1, "other")),
                Overhead.of(side(four, 0, "base"), side(four, 1, "other")));
    }

    /**
     * One round per kernel and host: the per-host differences are the samples.
     * <pre>
     * dh = np.log([103, 112, 98, 106]) - np.log([100, 110, 95, 105])
     * t1 = stats.ttest_1samp(dh, 0); ci = t1.confidence_interval(0.95)
     * np.expm1([dh.mean(), ci.low, ci.high]) * 100, t1.df, t1.pvalue
     * </pre>
     */
    @Test
    void oneRoundPerHostTestsTheHostsAsReplicates() {
        Overhead o = Overhead.of(onHosts("base", new long[] {100}, new long[] {110}, new long[] {95}, new long[] {105}),
                onHosts("other", new long[] {103}, new long[] {112}, new long[] {98}, new long[] {106}));
        assertScipy(o, 2.2281260299851513, 0.5815671786889788, 3.901639681517884, 3, 0.0228707542703118);
    }

    @Test
    void kernelsOnOneCommonHostOrNoneGetARatioButNoTest() {
        // one host in common: its ratio; the other host's rounds cannot be compared with anything
        Overhead one = Overhead.of(new KernelRounds("base", rounds(100, 50), List.of("node0", "node1")),
                new KernelRounds("other", rounds(110, 200), List.of("node0", "node2")));
        assertEquals(10.0, one.percent(), 1e-9);
        assertFalse(one.tested());
        // against the design rule, no host ran both: the ratio of all rounds, untested
        Overhead none = Overhead.of(new KernelRounds("base", rounds(100, 100), List.of("node0", "node0")),
                new KernelRounds("other", rounds(110, 110), List.of("node1", "node1")));
        assertEquals(10.0, none.percent(), 1e-9);
        assertFalse(none.hasInterval());
        assertFalse(none.tested());
    }

    @Test
    void noSpreadOnAnyHostGivesAPointIntervalAndTheLimitOfP() {
        Overhead differ = Overhead.of(onHosts("base", new long[] {10, 10}, new long[] {20, 20}),
                onHosts("other", new long[] {12, 12}, new long[] {24, 24}));
        assertEquals(20.0, differ.percent(), 1e-9);
        assertEquals(20.0, differ.ciLow(), 1e-9);
        assertEquals(20.0, differ.ciHigh(), 1e-9);
        assertEquals(0.0, differ.pValue());
        Overhead same = Overhead.of(onHosts("base", new long[] {42, 42}, new long[] {40, 40}),
                onHosts("same", new long[] {42, 42}, new long[] {40, 40}));
        assertEquals(0.0, same.percent());
        assertEquals(1.0, same.pValue());
    }

    @Test
    void aValueThatIsNotPositiveHasNoRatio() {
        Overhead o = Overhead.of(onHosts("base", new long[] {0, 0}, new long[] {1, 1}), onHosts("other", new long[] {1, 1}, new long[] {1, 1}));
        assertTrue(Double.isNaN(o.percent()));
        assertFalse(o.tested());
    }

    @Test
    void anEmptyRoundAndItsHostCountForNothing() {
        List<List<Long>> baseRounds = new ArrayList<>(rounds(100, 104, 98, 101, 97));
        baseRounds.add(List.of());
        List<String> baseHosts = new ArrayList<>(List.of("node0", "node0", "node0", "node0", "node0", "node9"));
        Overhead o = Overhead.of(new KernelRounds("base", baseRounds, baseHosts), onHosts("other", new long[] {110, 108, 113, 109}));
        assertScipy(o, 10.01701081661258, 6.023072783008999, 14.161402337344498, 6.959376374246193, 0.0004965290619545522);
    }

    @Test
    void hostsAreOnePerRoundOrNone() {
        assertThrows(IllegalArgumentException.class, () -> new KernelRounds("k", rounds(1, 2), List.of("node0")));
        assertEquals(List.of(), new KernelRounds("k", rounds(1, 2)).hosts());
    }

    /**
     * Two hosts, host 1 10 % slower for both kernels, the kernel 2 % slower than the baseline on
     * both, 1 % noise per run, 6 rounds of 3 runs per kernel and host.
     */
    static List<KernelRounds> plantedHostOffset(long seed) {
        Random noise = new Random(seed);
        List<KernelRounds> kernels = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            List<List<Long>> rounds = new ArrayList<>();
            List<String> hosts = new ArrayList<>();
            for (int round = 0; round < 12; round++) {
                int host = round % 2;
                List<Long> runs = new ArrayList<>();
                for (int run = 0; run < 3; run++) {
                    runs.add(Math.round(100_000 * (k == 1 ? 1.02 : 1) * (host == 1 ? 1.10 : 1) * (1 + 0.01 * noise.nextGaussian())));
                }
                rounds.add(runs);
                hosts.add("node" + host);
            }
            kernels.add(new KernelRounds(k == 0 ? "base" : "other", rounds, hosts));
        }
        return kernels;
    }

    @Test
    void aPlantedHostOffsetIsRemovedByBlocking() {
        List<KernelRounds> kernels = plantedHostOffset(3);
        Overhead blocked = Overhead.of(kernels.get(0), kernels.get(1));
        assertTrue(blocked.ciLow() < 2 && 2 < blocked.ciHigh(), blocked.toString());
        // the same rounds with their hosts forgotten: the host's 10 % lands in both kernels' spread
        Overhead pooled = Overhead.of(new KernelRounds("base", kernels.get(0).rounds()), new KernelRounds("other", kernels.get(1).rounds()));
        double blockedWidth = blocked.ciHigh() - blocked.ciLow();
        double pooledWidth = pooled.ciHigh() - pooled.ciLow();
        assertTrue(pooledWidth > 4 * blockedWidth, "pooled " + pooled + ", blocked " + blocked);
        assertTrue(blockedWidth < 2, blocked.toString());
    }

    @Test
    void theComparisonTableAndItsVerdictUseTheBlockedTest() {
        List<KernelRounds> kernels = plantedHostOffset(3);
        Comparison comparison = Comparison.of(kernels);
        Effect effect = comparison.rows().get(1).effect().orElseThrow();
        assertEquals(Overhead.of(kernels.get(0), kernels.get(1)), effect.overhead());
        // [+1.75 %, +2.88 %]: beyond the 1 % threshold, where the pooled interval crosses 0
        assertEquals(Verdict.SLOWER, effect.verdict());
    }
}
