package dev.kbench.benchmarks;

import dev.kbench.results.JmhResults;
import dev.kbench.results.RunRecord;
import dev.kbench.run.WorkloadSession;
import dev.kbench.vm.Accel;
import dev.kbench.vm.CpuPinning;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * lsm-perf's experiment as a JMH benchmark. Each fork is a round: it boots a fresh VM of
 * {@code kernel} in {@code @Setup(Level.Trial)}; each iteration runs {@code workload} once in
 * the guest. JMH's own score is the host-side time of that run; the integer the workload
 * printed is the secondary metric {@value JmhResults#WORKLOAD_METRIC}, one value per run in
 * the JSON's {@code rawData[fork][iteration]}.
 *
 * <p>Note that JMH's console table <em>sums</em> that metric over all iterations and forks;
 * read per-run values from the JSON, the run log or {@code kbench csv}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(2)
@Warmup(iterations = 1)
@Measurement(iterations = 5)
@State(Scope.Benchmark)
public class WorkloadBenchmark {

    /** A kernel: {@code default}, a variant name from $KBENCH_VARIANTS, or a path to a bzImage or vmlinux. */
    @Param("default")
    public String kernel;

    /** A built-in workload's name, or the path of a static binary that prints one integer. */
    @Param("eventfd")
    public String workload;

    /** auto, kvm, tcg or icount (TCG counting instructions). */
    @Param("auto")
    public String accel;

    /** Guest memory in MiB. */
    @Param("512")
    public int mem;

    /** lsm-perf's -c as CPU-QEMU:CPU-KVM1:CPU-KVM2 (JMH splits -p on commas), or none. */
    @Param("none")
    public String cpus;

    /** A disk image to boot from, reached over SSH as root with $KBENCH_KEY (lsm-perf's way), or none for kbench's initramfs guest. */
    @Param("none")
    public String image;

    private WorkloadSession session;

    @Setup(Level.Trial)
    public void boot(BenchmarkParams params) throws IOException {
        session = WorkloadSession.builder(kernel, workload)
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
    public void run(GuestReported reported) throws IOException {
        reported.workloadOutput = session.runOnce();
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        if (session != null) {
            session.close();
        }
    }

    /** The integer the workload printed for the run of this iteration. */
    @AuxCounters(AuxCounters.Type.EVENTS)
    @State(Scope.Thread)
    public static class GuestReported {
        public long workloadOutput;
    }
}
