package dev.kbench.results;

import java.util.List;

/**
 * Which test compares a workload's kernels with its baseline. Under TCG (and, by the same
 * reasoning, KVM) a round's spread is the VM's luck, which falls on every kernel alike, so the
 * workload's spread is estimated once from the rounds of all its kernels; under icount the
 * spread is the guest's address space layout, which the kernels change unequally (context-switch:
 * 0.055 instructions/op between stack's rounds, 1.69 between caponly's), so each pair keeps its
 * own. docs/statistics.md measures both on real suites.
 */
public enum KernelTest {

    /** Welch's t-test per pair: the two kernels' own spreads, Welch–Satterthwaite degrees of freedom. */
    WELCH("Welch's t-test on log round means", "Welch on logs"),

    /**
     * A t-test per pair whose variance is pooled over the workload's kernels: one suite of 8
     * kernels of 4 rounds judges each pair against 24 degrees of freedom, not Welch's 3 to 6, and
     * a pair whose 8 VMs happened to agree cannot make its interval narrow by chance.
     */
    POOLED("a t-test on log round means, variance pooled over the workload's kernels", "t on logs, variance pooled over the kernels");

    /** The fewest kernels whose rounds are pooled: with two, there is nothing beyond the pair. */
    static final int FEWEST_POOLED_KERNELS = 3;

    private final String title;
    private final String shortTitle;

    KernelTest(String title, String shortTitle) {
        this.title = title;
        this.shortTitle = shortTitle;
    }

    /** The test in words, as a table's legend says it. */
    public String title() {
        return title;
    }

    /** The test in a few words, as a plot's subtitle says it. */
    public String shortTitle() {
        return shortTitle;
    }

    /**
     * The test for a workload: pooled for times of three or more kernels on one host; Welch for
     * instructions (icount), for a pair, and for rounds on several hosts (hosts are blocks there).
     */
    public static KernelTest forWorkload(WorkloadResults workload) {
        List<KernelRounds> kernels = workload.kernels();
        return workload.measure() == Measure.TIME && kernels.size() >= FEWEST_POOLED_KERNELS && !HostRounds.several(kernels) ? POOLED : WELCH;
    }

    /** The overhead of every kernel but the first against the first, the baseline, by this test. */
    public List<Overhead> againstFirst(List<KernelRounds> kernels) {
        return switch (this) {
            case WELCH -> Overhead.againstFirst(kernels);
            case POOLED -> PooledVariance.of(kernels).againstFirst(kernels);
        };
    }
}
