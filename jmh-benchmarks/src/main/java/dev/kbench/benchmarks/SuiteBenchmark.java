package dev.kbench.benchmarks;

import dev.kbench.results.RunRecord;
import dev.kbench.run.WorkloadSession;
import dev.kbench.guest.WorkloadSuite;
import dev.kbench.vm.Accel;
import dev.kbench.vm.CpuPinning;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * A whole workload suite on one VM per fork: {@link WorkloadBenchmark} boots a VM for every
 * (kernel, workload) pair, which for 25 workloads spends most of the time booting. Each fork
 * is a round: it boots {@code kernel} once in {@code @Setup(Level.Trial)}; each iteration is
 * one pass that runs every workload once, in order. JMH's own score is the host-side time of
 * the pass; each workload's printed integer is the secondary metric
 * {@code workloadOutput:NAME}, given by the profiler {@code dev.kbench.run.SuiteOutputs}
 * ({@code kbench run -w a,b,...} adds it; by hand add {@code -prof dev.kbench.run.SuiteOutputs}).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(2)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@State(Scope.Benchmark)
public class SuiteBenchmark {

    /** A kernel: {@code default}, a variant name from $KBENCH_VARIANTS, or a path to a bzImage or vmlinux. */
    @Param("default")
    public String kernel;

    /** {@code all} (every built-in workload), or built-in names and program paths separated by colons. */
    @Param("all")
    public String workloads;

    /** auto, kvm, tcg or icount (TCG counting instructions). */
    @Param("auto")
    public String accel;

    /** Guest memory in MiB. */
    @Param("512")
    public int mem;

    /** lsm-perf's -c as CPU-QEMU:CPU-KVM1:CPU-KVM2, or none. */
    @Param("none")
    public String cpus;

    /** A disk image to boot from, reached over SSH as root with $KBENCH_KEY, or none for kbench's initramfs guest. */
    @Param("none")
    public String image;

    private WorkloadSession session;

    @Setup(Level.Trial)
    public void boot(BenchmarkParams params) throws IOException {
        session = WorkloadSession.builder(kernel, WorkloadSuite.parse(workloads))
                .accel(Accel.parse(accel))
                .memoryMib(mem)
                .pinning(cpus.equals("none") ? Optional.empty() : Optional.of(CpuPinning.parse(cpus)))
                .image(image.equals("none") ? Optional.empty() : Optional.of(Path.of(image)))
                .benchmark(params.getBenchmark())
                .boot();
    }

    @Setup(Level.Iteration)
    public void phase(IterationParams iteration) {
        session.beginPhase(iteration.getType() == IterationType.WARMUP ? RunRecord.WARMUP : RunRecord.MEASUREMENT);
    }

    @Benchmark
    public void pass() throws IOException {
        for (String workload : session.workloads()) {
            session.runOnce(workload);
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        if (session != null) {
            session.close();
        }
    }
}
