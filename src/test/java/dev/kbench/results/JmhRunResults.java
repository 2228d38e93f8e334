package dev.kbench.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.IterationResultMetaData;
import org.openjdk.jmh.results.ResultRole;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.ScalarResult;
import org.openjdk.jmh.results.SingleShotResult;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.runner.WorkloadParams;
import org.openjdk.jmh.runner.options.TimeValue;

/** JMH results as kbench's forks report them, built without running JMH. */
public final class JmhRunResults {

    private JmhRunResults() {
    }

    /** One kernel's JMH result: a fork per round, an iteration per run, each metric's value of that run. */
    public static RunResult kernel(String kernel, Map<String, String> extraParams, Map<String, List<List<Long>>> metrics) {
        WorkloadParams workloadParams = new WorkloadParams();
        workloadParams.put("kernel", kernel, 0);
        extraParams.forEach((name, value) -> workloadParams.put(name, value, 1));
        // what kbench run passes every fork alike
        workloadParams.put("accel", "tcg", 2);
        workloadParams.put("mem", "512", 3);
        int runs = metrics.values().iterator().next().get(0).size();
        IterationParams measurement = new IterationParams(IterationType.MEASUREMENT, runs, TimeValue.NONE, 1);
        BenchmarkParams params = new BenchmarkParams("dev.kbench.benchmarks.WorkloadBenchmark.run", "generated", false, 1,
                new int[] {1}, List.of(), 1, 0, new IterationParams(IterationType.WARMUP, 0, TimeValue.NONE, 1), measurement,
                Mode.SingleShotTime, workloadParams, TimeUnit.MILLISECONDS, 1, "java",
                List.of("-Dkbench.settings=/out/lsm-perf.settings.properties", "-Dkbench.round=0", "-Dkbench.settings=/out/lsm-perf.settings.properties"), "17", "vm", "17", "1.37", TimeValue.NONE);
        List<BenchmarkResult> forks = new ArrayList<>();
        int rounds = metrics.values().iterator().next().size();
        for (int round = 0; round < rounds; round++) {
            List<IterationResult> iterations = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                IterationResult iteration = new IterationResult(params, measurement, new IterationResultMetaData(1, 1));
                iteration.addResult(new SingleShotResult(ResultRole.PRIMARY, "run", 1_000_000L, TimeUnit.MILLISECONDS));
                for (Map.Entry<String, List<List<Long>>> metric : metrics.entrySet()) {
                    iteration.addResult(new ScalarResult(metric.getKey(), metric.getValue().get(round).get(run), "printed", AggregationPolicy.AVG));
                }
                iterations.add(iteration);
            }
            forks.add(new BenchmarkResult(params, iterations));
        }
        return new RunResult(params, forks);
    }
}
