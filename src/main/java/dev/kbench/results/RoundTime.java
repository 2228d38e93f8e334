package dev.kbench.results;

/**
 * Where one round's VM spent its time, in nanoseconds of the host's clock, as its session saw it.
 *
 * @param bootNs QEMU's start to the guest's first answer (the agent's, or SSH's for a disk image)
 * @param setupNs everything else before the first run: planning the boot, logging in, uploads, starting the agent, pinning
 * @param runsNs the runs, warm-ups included, as the host waited for them (a run's wall time plus the channel)
 * @param teardownNs from the last run to QEMU reaped
 */
public record RoundTime(long bootNs, long setupNs, long runsNs, long teardownNs) {

    public long totalNs() {
        return bootNs + setupNs + runsNs + teardownNs;
    }

    public RoundTime plus(RoundTime other) {
        return new RoundTime(bootNs + other.bootNs, setupNs + other.setupNs, runsNs + other.runsNs, teardownNs + other.teardownNs);
    }
}
