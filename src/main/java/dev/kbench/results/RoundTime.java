package dev.kbench.results;

/**
 * Where one round's VM spent its time, in nanoseconds of the host's clock, as its session saw it,
 * and what the host's other processes took of its CPUs meanwhile.
 *
 * @param bootNs QEMU's start to the guest's first answer (the agent's, or SSH's for a disk image)
 * @param setupNs everything else before the first run: planning the boot, logging in, uploads, starting the agent, pinning
 * @param runsNs the runs, warm-ups included, as the host waited for them (a run's wall time plus the channel)
 * @param teardownNs from the last run to QEMU reaped
 * @param othersCpuNs CPU time other processes (not kbench, not this VM) took on kbench's CPUs during the runs
 *                    ({@code dev.kbench.vm.HostCpuUse}); 0 in run logs of a kbench that did not measure it
 */
public record RoundTime(long bootNs, long setupNs, long runsNs, long teardownNs, long othersCpuNs) {

    /** A round whose host load was not measured. */
    public RoundTime(long bootNs, long setupNs, long runsNs, long teardownNs) {
        this(bootNs, setupNs, runsNs, teardownNs, 0);
    }

    public long totalNs() {
        return bootNs + setupNs + runsNs + teardownNs;
    }

    /** The CPUs other processes kept busy on average while the runs ran (1.0: one whole CPU); 0 without runs. */
    public double othersCpus() {
        return runsNs == 0 ? 0 : (double) othersCpuNs / runsNs;
    }

    public RoundTime plus(RoundTime other) {
        return new RoundTime(bootNs + other.bootNs, setupNs + other.setupNs, runsNs + other.runsNs, teardownNs + other.teardownNs,
                othersCpuNs + other.othersCpuNs);
    }
}
