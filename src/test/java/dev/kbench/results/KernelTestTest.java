package dev.kbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link KernelTest} and {@link PooledVariance}. The expected figures were computed independently
 * with SciPy 1.17.1: the logs of the round means, their squared deviations from each kernel's
 * mean summed over the kernels and divided by the sum of (rounds - 1), the difference of mean logs
 * over {@code sqrt(s² (1/na + 1/nb))}, {@code stats.t} with that df.
 */
class KernelTestTest {

    private static KernelRounds rounds(String kernel, long... values) {
        return new KernelRounds(kernel, Arrays.stream(values).mapToObj(v -> List.of(v)).toList());
    }

    private static final List<KernelRounds> THREE = List.of(rounds("base", 1000, 1010, 990), rounds("slow", 1100, 1102, 1101),
            rounds("wide", 950, 1050, 1000));

    private static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, Math.abs(expected) * 1e-9, what);
    }

    @Test
    void timesOfThreeKernelsOnOneHostArePooledAndTheRestIsWelch() {
        assertEquals(KernelTest.POOLED, KernelTest.forWorkload(new WorkloadResults("w", THREE, Measure.TIME)));
        assertEquals(KernelTest.WELCH, KernelTest.forWorkload(new WorkloadResults("w", THREE, Measure.INSTRUCTIONS)));
        assertEquals(KernelTest.WELCH, KernelTest.forWorkload(new WorkloadResults("w", THREE.subList(0, 2), Measure.TIME)));
        List<KernelRounds> sharded = THREE.stream().map(k -> new KernelRounds(k.kernel(), k.rounds(), List.of("a", "b", "a"))).toList();
        assertEquals(KernelTest.WELCH, KernelTest.forWorkload(new WorkloadResults("w", sharded, Measure.TIME)));
        // --jobs: every round names the one machine its jobs shared
        List<KernelRounds> jobs = THREE.stream().map(k -> new KernelRounds(k.kernel(), k.rounds(), List.of("shards 1+2 on vm", "shards 1+2 on vm",
                "shards 1+2 on vm"))).toList();
        assertEquals(KernelTest.POOLED, KernelTest.forWorkload(new WorkloadResults("w", jobs, Measure.TIME)));
    }

    @Test
    void thePooledTestMatchesScipy() {
        List<Overhead> against = KernelTest.POOLED.againstFirst(THREE);
        Overhead slow = against.get(0);
        assertEquals("slow", slow.kernel());
        assertClose(10.10363996816109, slow.percent(), "percent");
        assertClose(3.8080120777678985, slow.ciLow(), "ciLow");
        assertClose(16.781077795388484, slow.ciHigh(), "ciHigh");
        assertEquals(6, slow.df());
        assertClose(0.007118404378801517, slow.pValue(), "p");
        Overhead wide = against.get(1);
        assertClose(-0.08007209909769401, wide.percent(), "percent");
        assertClose(-5.7934044201808454, wide.ciLow(), "ciLow");
        assertClose(5.979755772644397, wide.ciHigh(), "ciHigh");
        assertClose(0.9745231634287512, wide.pValue(), "p");
    }

    @Test
    void aPairWhoseVmsAgreedByChanceIsJudgedAgainstTheWorkloadsSpread() {
        // base and lucky each printed nearly the same value in their three VMs; the other kernels' VMs spread by 10 %
        List<KernelRounds> kernels = List.of(rounds("base", 1000, 1001, 1000), rounds("lucky", 1030, 1031, 1030),
                rounds("other", 900, 1000, 1100), rounds("another", 1100, 950, 1000));
        Analysis analysis = Analysis.of(List.of(new WorkloadResults("w", kernels, Measure.TIME)), Criteria.DEFAULT);
        Effect pooled = analysis.comparisons().get(0).rows().get(1).effect().orElseThrow();
        Effect welch = Analysis.of(List.of(new WorkloadResults("w", kernels, Measure.INSTRUCTIONS)), Criteria.DEFAULT)
                .comparisons().get(0).rows().get(1).effect().orElseThrow();
        assertEquals(Verdict.SLOWER, welch.verdict(), "Welch on the pair alone: +3 % with p " + welch.overhead().pValue());
        assertEquals(Verdict.INCONCLUSIVE, pooled.verdict(), "pooled: " + pooled.overhead());
        assertTrue(pooled.overhead().pValue() > 0.05, "pooled p " + pooled.overhead().pValue());
        assertEquals(KernelTest.POOLED, analysis.comparisons().get(0).test());
    }

    @Test
    void aKernelWithARoundMeanThatIsNotPositiveAddsNothingToThePool() {
        List<KernelRounds> kernels = List.of(rounds("base", 1000, 1010, 990), rounds("slow", 1100, 1102, 1101), rounds("broken", 0, 1000, 1000));
        Overhead slow = KernelTest.POOLED.againstFirst(kernels).get(0);
        assertEquals(4, slow.df(), "two kernels of three rounds");
        assertTrue(Double.isNaN(KernelTest.POOLED.againstFirst(kernels).get(1).percent()));
    }
}
