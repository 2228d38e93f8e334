package dev.kbench.benchmarks;

import dev.kbench.guest.Workload;
import dev.kbench.jmh.ForkHandOff;
import dev.kbench.results.RunPhase;
import dev.kbench.run.WorkloadScale;
import dev.kbench.run.WorkloadSession;
import dev.kbench.vm.Accel;
import dev.kbench.vm.CpuPinning;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * What every workload benchmark shares: the kernel and the VM's settings as JMH parameters,
 * and the session a subclass boots in its {@code @Setup(Level.Trial)}, whose runs are marked
 * warm-up or measured per iteration and which is closed after the trial.
 */
@State(Scope.Benchmark)
public abstract class GuestBenchmark {

    /** A kernel: {@code default}, a variant name (kbench run's, or from $KBENCH_VARIANTS), or a path to a bzImage or vmlinux. */
    @Param("default")
    public String kernel;

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

    /** Built-in workloads' default operation counts times this factor, or auto: counts that follow the accelerator (kbench --scale). */
    @Param("auto")
    public String scale;

    protected WorkloadSession session;

    /** A session of {@code workloads} with these parameters and kbench's settings for this fork, ready to boot. */
    protected WorkloadSession.Builder session(List<Workload> workloads, BenchmarkParams params) {
        ForkHandOff.Received handOff = ForkHandOff.received();
        return WorkloadSession.builder(handOff.settings(), kernel, workloads).slot(handOff.slot())
                .accel(Accel.parse(accel))
                .memoryMib(mem)
                .pinning(cpus.equals("none") ? Optional.empty() : Optional.of(CpuPinning.parse(cpus)))
                .image(image.equals("none") ? Optional.empty() : Optional.of(Path.of(image)))
                .scale(WorkloadScale.parse(scale))
                .benchmark(params.getBenchmark());
    }

    @Setup(Level.Iteration)
    public void phase(IterationParams iteration) {
        session.beginPhase(iteration.getType() == IterationType.WARMUP ? RunPhase.WARMUP : RunPhase.MEASUREMENT);
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        if (session != null) {
            session.close();
        }
    }
}
