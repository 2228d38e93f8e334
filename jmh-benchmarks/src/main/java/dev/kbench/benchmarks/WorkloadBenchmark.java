package dev.kbench.benchmarks;

import dev.kbench.results.JmhResults;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * lsm-perf's experiment as a JMH benchmark. Each fork is a round: it boots a fresh VM of
 * {@code kernel} in {@code @Setup(Level.Trial)}; each iteration runs {@code workload} once in
 * the guest. JMH's own score is the host-side time of that run; the integer the workload
 * printed is the secondary metric {@value JmhResults#WORKLOAD_METRIC} in the workload's unit,
 * given by the profiler {@code dev.kbench.run.WorkloadOutputs} ({@code kbench run} adds it; by
 * hand {@code -prof dev.kbench.run.WorkloadOutputs}): one value per run in the JSON's
 * {@code rawData[fork][iteration]}, and as JMH's score their mean with its error.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(2)
@Warmup(iterations = 1)
@Measurement(iterations = 5)
@State(Scope.Benchmark)
public class WorkloadBenchmark extends GuestBenchmark {

    /** A built-in workload's name, or the path of a static binary that prints one integer. */
    @Param("eventfd")
    public String workload;

    @Setup(Level.Trial)
    public void boot(BenchmarkParams params) throws IOException {
        session = session(params).boot();
    }

    @Benchmark
    public void run() throws IOException {
        session.runOnce();
    }
}
