package dev.kbench.run;

import dev.kbench.guest.PrintedUnit;
import dev.kbench.jmh.ForkHandOff;
import dev.kbench.jmh.LogTail;
import dev.kbench.results.JmhResults;
import dev.kbench.results.MetricUnit;
import dev.kbench.results.RunRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler that turns the integer each workload printed in an iteration into a secondary
 * result with average aggregation, in the workload's unit: {@code workloadOutput} for
 * {@code WorkloadBenchmark}, {@code workloadOutput:NAME} per workload of a {@code SuiteBenchmark}
 * pass. JMH's {@code @AuxCounters} sum over iterations (a console table and every JSON client
 * then show the total of all runs) and need one field per metric when the benchmark is
 * compiled, where a suite's workloads are known only when it runs. The numbers come from the run
 * log, where {@link WorkloadSession} records every run the moment it ends; only this JVM's VMs'
 * records count. Each value stays one entry of the JSON's {@code rawData}. {@code kbench run}
 * adds it, and so does {@code benchmarks.jar}'s main to a run that names no {@code -prof}
 * ({@code dev.kbench.cli.JmhMain}).
 */
public final class WorkloadOutputs implements InternalProfiler {

    private final LogTail<RunRecord> runLog = new LogTail<>(ForkHandOff.received().settings().runLog(), RunRecord.class);
    private final String ownVms = ProcessHandle.current().pid() + "-";

    @Override
    public String getDescription() {
        return "each workload's printed integer per run, averaged: " + JmhResults.WORKLOAD_METRIC + " (or "
                + JmhResults.SUITE_METRIC_PREFIX + "NAME in a suite)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        runLog.mark();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
        boolean suite = benchmarkParams.getParamsKeys().contains(WorkloadFork.WORKLOADS);
        List<ScalarResult> outputs = new ArrayList<>();
        for (RunRecord record : runLog.sinceMark()) {
            if (record.value() != null && record.vm() != null && record.vm().startsWith(ownVms)) {
                String metric = suite ? JmhResults.SUITE_METRIC_PREFIX + record.workload() : JmhResults.WORKLOAD_METRIC;
                outputs.add(new ScalarResult(metric, record.value(), unit(record).text(), AggregationPolicy.AVG));
            }
        }
        return outputs;
    }

    /** A built-in workload's declared unit; a program's is unknown here ({@code kbench run --unit} names it in the merged JSON). */
    private static MetricUnit unit(RunRecord record) {
        try {
            // a scaled run covers the operations it was given, not the workload's default count
            Optional<PrintedUnit> declared = PrintedUnit.ofBuiltIn(record.workload())
                    .map(u -> record.operations() == null ? u : new PrintedUnit(u.kind(), record.operations()));
            return MetricUnit.of(declared, record.accel(), Optional.empty());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the built-in workloads' units: " + e.getMessage(), e);
        }
    }
}
