package dev.kbench.results;

import java.util.List;

/**
 * The measured runs of one kernel: one list per round (a round is a fresh VM, a JMH fork),
 * in the order the runs happened. The common shape of lsm-perf's CSV and of the statistics.
 *
 * @param hosts the host each round ran on, or empty: every round ran on one host
 */
public record KernelRounds(String kernel, List<List<Long>> rounds, List<String> hosts) {

    public KernelRounds {
        rounds = rounds.stream().map(List::copyOf).toList();
        hosts = List.copyOf(hosts);
        if (!hosts.isEmpty() && hosts.size() != rounds.size()) {
            throw new IllegalArgumentException(kernel + ": " + hosts.size() + " hosts for " + rounds.size() + " rounds");
        }
    }

    /** Rounds that all ran on one host. */
    public KernelRounds(String kernel, List<List<Long>> rounds) {
        this(kernel, rounds, List.of());
    }
}
