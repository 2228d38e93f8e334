package dev.kbench.run;

import dev.kbench.results.RunPhase;
import dev.kbench.results.RunRecord;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Whether other processes on the host kept kbench's CPUs busy while its VMs ran their workloads,
 * from the run log's round records: under TCG and KVM their load is in the times (a neighbour
 * busy in bursts doubled the rounds the demo's comparison needed here once, not the second time:
 * docs/statistics.md), so a
 * VM that ran beside it looks like a kernel effect. Said, not corrected: what the load did to each run is
 * not known.
 *
 * @param busy the round records of VMs that ran beside more than {@link #BUSY_CPUS} CPUs of other work
 * @param vms every VM with runs whose host load was measured
 */
record BusyHost(List<RunRecord> busy, long vms) {

    static final BusyHost NONE = new BusyHost(List.of(), 0);

    /** A tenth of a CPU: the agent, kbench and the kernel's own threads stay below it on an otherwise idle host. */
    static final double BUSY_CPUS = 0.1;

    static BusyHost of(List<RunRecord> records) {
        List<RunRecord> rounds = records.stream().filter(r -> r.phase() == RunPhase.ROUND && r.spent() != null && r.spent().runsNs() > 0).toList();
        return new BusyHost(rounds.stream().filter(r -> r.spent().othersCpus() > BUSY_CPUS).toList(), rounds.size());
    }

    /** This and {@code other} together: the shards of one experiment, for the merged run's line. */
    BusyHost plus(BusyHost other) {
        return new BusyHost(Stream.concat(busy.stream(), other.busy.stream()).toList(), vms + other.vms);
    }

    /** One line when some VM ran beside other work, naming the busiest; none when the host was quiet. */
    Optional<String> line() {
        if (busy.isEmpty()) {
            return Optional.empty();
        }
        RunRecord worst = busy.stream().max(Comparator.comparingDouble(r -> r.spent().othersCpus())).orElseThrow();
        double mean = busy.stream().mapToDouble(r -> r.spent().othersCpus()).average().orElseThrow();
        return Optional.of(String.format(Locale.ROOT, "other processes kept %.2f of kbench's CPUs busy on average while %d of its %d VMs ran"
                + " their workloads (the most: %.2f, beside %s%s); their load is in those times: measure on a quiet host",
                mean, busy.size(), vms, worst.spent().othersCpus(), worst.kernel(), worst.round() == null ? "" : " in round " + worst.round()));
    }
}
