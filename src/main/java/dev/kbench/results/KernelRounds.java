package dev.kbench.results;

import java.util.List;

/**
 * The measured runs of one kernel: one list per round (a round is a fresh VM, a JMH fork),
 * in the order the runs happened, and the host each round ran on when the experiment was
 * sharded over several. The common shape of lsm-perf's CSV and of the statistics.
 *
 * @param hosts empty when the host is not known (one host: everything before sharding), else
 *              one per round, in the order of {@code rounds}
 */
public record KernelRounds(String kernel, List<List<Long>> rounds, List<String> hosts) {

    public KernelRounds {
        rounds = rounds.stream().map(List::copyOf).toList();
        hosts = List.copyOf(hosts);
        if (!hosts.isEmpty() && hosts.size() != rounds.size()) {
            throw new IllegalArgumentException(kernel + ": " + hosts.size() + " hosts for " + rounds.size()
                    + " rounds: give one host per round, or none");
        }
    }

    /** Rounds whose host is not known: one host, as every result before sharding. */
    public KernelRounds(String kernel, List<List<Long>> rounds) {
        this(kernel, rounds, List.of());
    }

    /** Whether every round says which host it ran on. */
    public boolean hasHosts() {
        return !hosts.isEmpty();
    }
}
