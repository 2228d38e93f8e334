package dev.kbench.benchmarks;

import dev.kbench.jmh.ForkHandOff;
import dev.kbench.jmh.ForkPlan;
import dev.kbench.results.RunPhase;
import dev.kbench.run.WorkloadFork;
import dev.kbench.run.SessionBuilder;
import dev.kbench.run.WorkloadSession;
import java.io.IOException;
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
 * warm-up or measured per iteration and which is closed after the trial. The fields declare the
 * parameters to JMH; {@link WorkloadFork#read} is what reads them, typed, with the fork's plan.
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

    /** lsm-perf's -c as CPU-QEMU:CPU-KVM1:CPU-KVM2 (JMH splits -p on commas), or {@value WorkloadFork#UNPINNED}. */
    @Param(WorkloadFork.UNPINNED)
    public String cpus;

    /** Built-in workloads' default operation counts times this factor, or auto: counts that follow the accelerator (kbench --scale). */
    @Param("auto")
    public String scale;

    protected WorkloadSession session;

    /** This fork's session, as its parameters and its plan (the disk image, the guest's settings) say, ready to boot. */
    protected SessionBuilder session(BenchmarkParams params) throws IOException {
        ForkPlan plan = ForkHandOff.received();
        return WorkloadFork.read(params, plan).session(plan, params.getBenchmark());
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
