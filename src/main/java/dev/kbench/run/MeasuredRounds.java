package dev.kbench.run;

import dev.kbench.results.JmhResults;
import dev.kbench.results.KernelForks;
import dev.kbench.results.KernelRounds;
import dev.kbench.results.OrderEffects;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * The kernels' rounds of an experiment as they come in, one JMH fork each, gathered into what
 * the outputs are made of: per workload the runs of every kernel's rounds (with the host of each,
 * when they came from several), and per kernel its forks as one JMH result. {@code kbench run}
 * fills it as it measures, {@code kbench merge} from the shards' kept results.
 */
final class MeasuredRounds {

    private final List<String> kernels;
    private final List<String> workloads;
    private final boolean suite;
    private final Map<String, Map<String, List<List<Long>>>> rounds = new LinkedHashMap<>();
    private final Map<String, Map<String, List<String>>> hosts = new LinkedHashMap<>();
    private final Map<String, KernelForks> forks = new LinkedHashMap<>();
    private final List<List<String>> ran = new ArrayList<>();
    private final OrderEffects.Accumulator order = new OrderEffects.Accumulator();

    /** @param kernels the experiment's kernels as given: the first is the baseline, whatever order they ran in */
    MeasuredRounds(List<String> kernels, List<String> workloads) {
        this.kernels = List.copyOf(kernels);
        this.workloads = List.copyOf(workloads);
        this.suite = workloads.size() > 1;
    }

    /** A round starts: the kernels added until the next one ran in it, in the order added. */
    void startRound() {
        ran.add(new ArrayList<>());
    }

    /**
     * Adds one kernel's round, measured on {@code host} (empty: the one host of a whole experiment).
     *
     * @return each workload's measured values of that round, for its CSV row
     */
    Map<String, List<Long>> add(String kernel, Optional<String> host, RunResult result) {
        BenchmarkResult fork = result.getBenchmarkResults().iterator().next();
        Map<String, List<Long>> values = new LinkedHashMap<>();
        List<String> round = ran.get(ran.size() - 1);
        String vm = "round " + (ran.size() - 1) + ": " + kernel;
        for (String workload : workloadsOf(fork)) {
            List<Long> runs = workloadValues(fork, suite ? JmhResults.SUITE_METRIC_PREFIX + workload : JmhResults.WORKLOAD_METRIC);
            values.put(workload, runs);
            for (int run = 0; run < runs.size(); run++) {
                order.add(workload, vm, kernel, round.size(), run, runs.get(run));
            }
            rounds.computeIfAbsent(workload, w -> new LinkedHashMap<>()).computeIfAbsent(kernel, k -> new ArrayList<>()).add(runs);
            host.ifPresent(h -> hosts.computeIfAbsent(workload, w -> new LinkedHashMap<>()).computeIfAbsent(kernel, k -> new ArrayList<>()).add(h));
        }
        if (forks.containsKey(kernel)) {
            forks.get(kernel).add(fork);
        } else {
            forks.put(kernel, KernelForks.of(result));
        }
        round.add(kernel);
        return values;
    }

    /** The experiment's workloads this fork ran: all of them, or the ones a sequential round still measured. */
    private List<String> workloadsOf(BenchmarkResult fork) {
        String ran = fork.getParams().getParam(WorkloadFork.WORKLOADS);
        if (!suite || ran == null) {
            return workloads;
        }
        List<String> given = List.of(ran.split("[:,]"));
        return given.contains(dev.kbench.guest.WorkloadSuite.ALL) ? workloads : workloads.stream().filter(given::contains).toList();
    }

    boolean isEmpty() {
        return rounds.isEmpty();
    }

    /** Per workload, each kernel measured with its rounds, in the order the kernels were given. */
    Map<String, List<KernelRounds>> byWorkload() {
        Map<String, List<KernelRounds>> measured = new LinkedHashMap<>();
        rounds.forEach((workload, byKernel) -> {
            List<KernelRounds> list = new ArrayList<>();
            Map<String, List<String>> hostsOf = hosts.getOrDefault(workload, Map.of());
            kernels.stream().filter(byKernel::containsKey)
                    .forEach(kernel -> list.add(new KernelRounds(kernel, byKernel.get(kernel), hostsOf.getOrDefault(kernel, List.of()))));
            measured.put(workload, list);
        });
        return measured;
    }

    /** Per kernel, its rounds as forks: what a single JMH run of every round would have reported. */
    List<KernelForks> jmh() {
        return kernels.stream().filter(forks::containsKey).map(forks::get).toList();
    }

    /** The order and drift checks of the rounds added, from their runs (position: in the order added to its round). */
    List<OrderEffects> orderEffects() {
        return order.effects();
    }

    /** The kernels in the order each round ran them, in the order the rounds were added. */
    List<List<String>> ran() {
        return ran.stream().map(List::copyOf).toList();
    }

    static List<Long> workloadValues(BenchmarkResult fork, String metric) {
        List<Long> values = new ArrayList<>();
        for (IterationResult iteration : fork.getIterationResults()) {
            Result<?> value = iteration.getSecondaryResults().get(metric);
            if (value == null) {
                throw new IllegalStateException("the fork's iteration has no '" + metric + "' result; it has " + iteration.getSecondaryResults().keySet());
            }
            values.add(Math.round(value.getScore()));
        }
        return values;
    }
}
