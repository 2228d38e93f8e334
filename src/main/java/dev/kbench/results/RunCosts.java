package dev.kbench.results;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * What a run and a round cost, read from the run log's wall times and time stamps: a run, its
 * wall time; a round beyond its runs, the time from one VM's last record to the next VM's
 * first, less that first run (a boot, a JMH fork's start, the guest's set-up).
 */
public record RunCosts(OptionalDouble runSeconds, OptionalDouble roundSeconds) {

    public static final RunCosts UNKNOWN = new RunCosts(OptionalDouble.empty(), OptionalDouble.empty());

    public static RunCosts of(List<RunRecord> records, String workload) {
        OptionalDouble run = records.stream().filter(r -> workload.equals(r.workload()) && r.value() != null && r.wallNs() > 0)
                .mapToDouble(r -> r.wallNs() / 1e9).average();
        Map<String, List<RunRecord>> byVm = new LinkedHashMap<>();
        records.stream().filter(r -> r.vm() != null && r.time() != null && r.workloadRun()).forEach(r -> byVm.computeIfAbsent(r.vm(), v -> new ArrayList<>()).add(r));
        List<Double> gaps = new ArrayList<>();
        RunRecord previousLast = null;
        for (List<RunRecord> vm : byVm.values()) {
            RunRecord first = vm.get(0);
            if (previousLast != null) {
                double gap = Duration.between(Instant.parse(previousLast.time()), Instant.parse(first.time())).toNanos() / 1e9 - first.wallNs() / 1e9;
                if (gap > 0) {
                    gaps.add(gap);
                }
            }
            previousLast = vm.get(vm.size() - 1);
        }
        return new RunCosts(run, gaps.stream().mapToDouble(Double::doubleValue).average());
    }
}
