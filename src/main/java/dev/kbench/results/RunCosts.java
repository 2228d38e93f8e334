package dev.kbench.results;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * What a run and a round cost, read from the run log: a run, its wall time; a round beyond its
 * runs, what its VM said of its boot, set-up and teardown ({@link RunPhase#ROUND} records) plus
 * its share of kbench's own time (JMH forks starting, planning), which the experiment's end
 * record gives. A log without round records (written before they were) is read by its time
 * stamps instead: the time from one VM's last record to the next VM's first, less that first run.
 * The time stamps would count an interruption of a resumed experiment as a round's cost; the
 * round records do not.
 */
public record RunCosts(OptionalDouble runSeconds, OptionalDouble roundSeconds) {

    public static final RunCosts UNKNOWN = new RunCosts(OptionalDouble.empty(), OptionalDouble.empty());

    public static RunCosts of(List<RunRecord> records, String workload) {
        OptionalDouble run = records.stream().filter(r -> workload.equals(r.workload()) && r.value() != null && r.wallNs() > 0)
                .mapToDouble(r -> r.wallNs() / 1e9).average();
        OptionalDouble round = fromRoundRecords(records);
        return new RunCosts(run, round.isPresent() ? round : fromTimeStamps(records));
    }

    /**
     * The costs of the shards of one experiment, each from its own run log ({@link #of}): a run's
     * and a round's, averaged over the shards that say. Shards that ran at once on one machine
     * each paid for sharing it, as their costs say.
     */
    public static RunCosts pooled(List<RunCosts> shards) {
        return new RunCosts(average(shards.stream().map(RunCosts::runSeconds).toList()),
                average(shards.stream().map(RunCosts::roundSeconds).toList()));
    }

    private static OptionalDouble average(List<OptionalDouble> values) {
        return values.stream().filter(OptionalDouble::isPresent).mapToDouble(OptionalDouble::getAsDouble).average();
    }

    private static OptionalDouble fromRoundRecords(List<RunRecord> records) {
        List<RoundTime> rounds = records.stream().filter(r -> r.phase() == RunPhase.ROUND && r.spent() != null).map(RunRecord::spent).toList();
        if (rounds.isEmpty()) {
            return OptionalDouble.empty();
        }
        double beyondRuns = rounds.stream().mapToLong(t -> t.totalNs() - t.runsNs()).average().orElse(0);
        double kbenchPerRound = TimeAccount.of(records).map(account -> (double) account.kbenchNs() / account.rounds()).orElse(0.0);
        return OptionalDouble.of((beyondRuns + kbenchPerRound) / 1e9);
    }

    private static OptionalDouble fromTimeStamps(List<RunRecord> records) {
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
        return gaps.stream().mapToDouble(Double::doubleValue).average();
    }
}
