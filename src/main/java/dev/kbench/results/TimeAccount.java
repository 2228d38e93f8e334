package dev.kbench.results;

import java.util.List;
import java.util.Optional;

/**
 * Where a whole experiment's time went: the rounds' boots, set-ups, runs and teardowns summed
 * from the run log's {@link RunPhase#ROUND} records, and what is left of the experiment's wall
 * time, which is kbench's own (JMH forks starting, planning, analysis, writing files).
 *
 * @param rounds the rounds whose VMs closed and said where their time went
 * @param spent their times, summed
 * @param wallNs the experiment's wall time, from the command's start to its end
 */
public record TimeAccount(int rounds, RoundTime spent, long wallNs) {

    /** The account of the experiment in {@code records}, or empty when it has not ended or kept no round's time. */
    public static Optional<TimeAccount> of(List<RunRecord> records) {
        Optional<RunRecord> end = records.stream().filter(r -> r.phase() == RunPhase.EXPERIMENT).reduce((first, last) -> last);
        return end.flatMap(e -> of(records, e.wallNs()));
    }

    /** The account of rounds recorded in {@code records} within an experiment of {@code wallNs}. */
    public static Optional<TimeAccount> of(List<RunRecord> records, long wallNs) {
        List<RoundTime> times = records.stream().filter(r -> r.phase() == RunPhase.ROUND && r.spent() != null).map(RunRecord::spent).toList();
        if (times.isEmpty() || wallNs <= 0) {
            return Optional.empty();
        }
        return Optional.of(new TimeAccount(times.size(), times.stream().reduce(new RoundTime(0, 0, 0, 0), RoundTime::plus), wallNs));
    }

    /**
     * The accounts of the shards of one experiment added up: their rounds, their rounds' times and
     * their wall times, so that each share is of the time all shards took together, however many
     * ran at once. Empty when no shard has an account.
     */
    public static Optional<TimeAccount> summed(List<TimeAccount> shards) {
        return shards.stream().reduce((a, b) -> new TimeAccount(a.rounds + b.rounds, a.spent.plus(b.spent), a.wallNs + b.wallNs));
    }

    /** The experiment's time outside the rounds' VMs; never negative (clocks of different processes agree only roughly). */
    public long kbenchNs() {
        return Math.max(0, wallNs - spent.totalNs());
    }

    public double share(long ns) {
        return 100.0 * ns / Math.max(wallNs, spent.totalNs());
    }
}
