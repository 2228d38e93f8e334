package dev.kbench.run;

import dev.kbench.jmh.ForkHandOff;
import dev.kbench.results.JmhResults;
import dev.kbench.results.RunLog;
import dev.kbench.results.RunRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler that gives each workload of a suite pass its own secondary metric,
 * {@code workloadOutput:NAME}, holding the integer it printed in that iteration. JMH's
 * {@code @AuxCounters} need one field per metric, known when the benchmark is compiled; a
 * suite's workloads are known only when it runs. The numbers come from the run log, where
 * {@link WorkloadSession} records every run the moment it ends; only this JVM's VMs' records
 * count. {@code kbench run} adds it; by hand: {@code -prof dev.kbench.run.SuiteOutputs}.
 */
public final class SuiteOutputs implements InternalProfiler {

    private final Path runLog = ForkHandOff.received().settings().runLog();
    private final String ownVms = ProcessHandle.current().pid() + "-";
    private int recordsBefore;

    @Override
    public String getDescription() {
        return "each workload's printed integer per suite pass, as secondary metrics " + JmhResults.SUITE_METRIC_PREFIX + "NAME";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        recordsBefore = records().size();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
        List<RunRecord> records = records();
        List<ScalarResult> outputs = new ArrayList<>();
        for (RunRecord record : records.subList(Math.min(recordsBefore, records.size()), records.size())) {
            if (record.value() != null && record.vm() != null && record.vm().startsWith(ownVms)) {
                outputs.add(new ScalarResult(JmhResults.SUITE_METRIC_PREFIX + record.workload(), record.value(), "printed",
                        AggregationPolicy.AVG));
            }
        }
        return outputs;
    }

    private List<RunRecord> records() {
        try {
            return Files.exists(runLog) ? RunLog.read(runLog) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the run log " + runLog + " for the suite's outputs: " + e.getMessage(), e);
        }
    }
}
