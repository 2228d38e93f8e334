package dev.kbench.results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * One kernel's rounds as JMH measured them, a fork each, held as plain numbers: what the JMH JSON
 * of an experiment is written from. JMH's own result objects cost hundreds of bytes a run, and
 * an experiment merged from many shards may hold a million runs; these hold eight bytes a value.
 * The first fork is kept whole for what JMH writes about the benchmark itself (parameters, JVM,
 * mode, iterations), which every fork of a kernel shares.
 */
public final class KernelForks {

    private final RunResult first;
    private final List<double[]> primary = new ArrayList<>();
    private final Map<String, List<double[]>> secondary = new LinkedHashMap<>();

    private KernelForks(RunResult first) {
        this.first = first;
    }

    /** Every fork of {@code result}, in its order; its parameters are the kernel's. */
    public static KernelForks of(RunResult result) {
        KernelForks forks = null;
        for (BenchmarkResult fork : result.getBenchmarkResults()) {
            if (forks == null) {
                forks = new KernelForks(new RunResult(result.getParams(), List.of(fork)));
            }
            forks.add(fork);
        }
        if (forks == null) {
            throw new IllegalArgumentException("a JMH result of " + result.getParams().getBenchmark() + " with no fork");
        }
        return forks;
    }

    /** The next round's fork: its iterations' primary scores and each secondary metric's, in iteration order. */
    public void add(BenchmarkResult fork) {
        List<IterationResult> iterations = new ArrayList<>(fork.getIterationResults());
        double[] scores = new double[iterations.size()];
        Map<String, double[]> metrics = new LinkedHashMap<>();
        for (int i = 0; i < iterations.size(); i++) {
            IterationResult iteration = iterations.get(i);
            scores[i] = iteration.getPrimaryResult().getScore();
            for (Map.Entry<String, Result> metric : iteration.getSecondaryResults().entrySet()) {
                metrics.computeIfAbsent(metric.getKey(), k -> new double[iterations.size()])[i] = metric.getValue().getScore();
            }
        }
        for (Map.Entry<String, double[]> metric : metrics.entrySet()) {
            long reported = iterations.stream().filter(it -> it.getSecondaryResults().containsKey(metric.getKey())).count();
            if (reported != iterations.size()) {
                // kbench's forks report every metric in every iteration; a hole would shift the runs
                throw new IllegalStateException("metric '" + metric.getKey() + "' is in " + reported + " of a fork's " + iterations.size() + " iterations");
            }
        }
        primary.add(scores);
        metrics.forEach((label, values) -> secondary.computeIfAbsent(label, k -> new ArrayList<>()).add(values));
    }

    /** The first round's fork alone, for the fields JMH writes about the benchmark. */
    public RunResult first() {
        return first;
    }

    public int forks() {
        return primary.size();
    }

    /** Per fork, its iterations' primary scores. */
    public List<double[]> primary() {
        return primary;
    }

    /** Per fork that reported {@code label}, its iterations' values of it. */
    public List<double[]> secondary(String label) {
        return secondary.getOrDefault(label, List.of());
    }
}
