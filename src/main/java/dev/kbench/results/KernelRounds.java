package dev.kbench.results;

import java.util.List;

/**
 * The measured runs of one kernel: one list per round (a round is a fresh VM, a JMH fork),
 * in the order the runs happened. The common shape of lsm-perf's CSV and of the statistics.
 */
public record KernelRounds(String kernel, List<List<Long>> rounds) {

    public KernelRounds {
        rounds = rounds.stream().map(List::copyOf).toList();
    }
}
