package dev.kbench.benchmarks;

import dev.kbench.guest.Workload;
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
 * A whole workload suite on one VM per fork: {@link WorkloadBenchmark} boots a VM for every
 * (kernel, workload) pair, which for 25 workloads spends most of the time booting. Each fork
 * is a round: it boots {@code kernel} once in {@code @Setup(Level.Trial)}; each iteration is
 * one pass that runs every workload once, in order. JMH's own score is the host-side time of
 * the pass; each workload's printed integer is the secondary metric
 * {@code workloadOutput:NAME}, given by the profiler {@code dev.kbench.run.WorkloadOutputs}
 * ({@code kbench run -w a,b,...} adds it; by hand add {@code -prof dev.kbench.run.WorkloadOutputs}).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(2)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@State(Scope.Benchmark)
public class SuiteBenchmark extends GuestBenchmark {

    /** {@code all} (every built-in workload), or built-in names and program paths separated by colons. */
    @Param("all")
    public String workloads;

    @Setup(Level.Trial)
    public void boot(BenchmarkParams params) throws IOException {
        session = session(params).boot();
    }

    @Benchmark
    public void pass() throws IOException {
        // a warm-up pass runs only the workloads whose first run in a fresh VM is unlike the later ones
        for (Workload workload : session.passWorkloads()) {
            session.runOnce(workload);
        }
    }
}
