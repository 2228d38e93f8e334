package dev.kbench.run;

import dev.kbench.results.RunPhase;
import dev.kbench.results.RunRecord;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What sequential rounds and warm-ups only where needed saved, from a run log: the workload runs
 * its VMs ran (warm-ups included) against every workload of the experiment warmed and measured in
 * each of those VMs.
 *
 * @param ran workload runs recorded, warm-up and measured, failed ones too
 * @param vms VMs whose runs ended (one round record each)
 */
record SavedRuns(long ran, long vms) {

    static SavedRuns of(List<RunRecord> records) {
        long ran = records.stream().filter(r -> r.phase() == RunPhase.WARMUP || r.phase() == RunPhase.MEASUREMENT).count();
        long vms = records.stream().filter(r -> r.phase() == RunPhase.ROUND).count();
        return new SavedRuns(ran, vms);
    }

    SavedRuns plus(SavedRuns other) {
        return new SavedRuns(ran + other.ran, vms + other.vms);
    }

    /** One line when anything was saved, for an experiment of {@code workloads} run {@code runs} times after {@code warmups} each. */
    Optional<String> line(int workloads, int runs, int warmups) {
        long everything = vms * workloads * (runs + warmups);
        if (everything <= ran) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "ran %,d workload runs, warm-ups included, where every workload warmed and measured"
                + " in each of the %d VMs would have been %,d: %,d saved (%.0f %%)", ran, vms, everything, everything - ran,
                100.0 * (everything - ran) / everything));
    }
}
