package dev.kbench.cli;

import dev.kbench.guest.Workload;
import dev.kbench.kernel.Variants;
import dev.kbench.plan.BootPlan;
import dev.kbench.results.Criteria;
import dev.kbench.results.KernelRounds;
import dev.kbench.run.Experiment;
import dev.kbench.vm.Accel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code kbench demo}: the main job on the embedded default. Two variants of the Debian cloud
 * kernel, its default LSM stack against capabilities only, compared on lsm-perf's eventfd
 * workload, as {@code kbench run} compares any kernels: in time under KVM, and where KVM cannot
 * run the guest in instructions under icount ({@link DemoAccel}), so that it ends in a verdict: a
 * line saying it in words, then the {@code kbench run} line that does the same on the user's kernels.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, defaultValueProvider = CommandDefaults.Demo.class,
        description = "Compares the Debian cloud kernel's default LSM stack with capabilities only on the eventfd workload:"
                + " under KVM when KVM can run the guest, else under icount (instructions, not time; --accel tcg for emulated time)."
                + " Under icount, whose runs repeat to within 0.01 %%, each VM runs " + LsmCostCommand.ICOUNT_RUNS + " measured run unless"
                + " given, and rounds past the first " + ExperimentOptions.SEQUENTIAL_ROUNDS + " run only while the comparison is undecided"
                + " (--sequential; with --no-sequential " + DemoCommand.ICOUNT_ROUNDS + " rounds).")
final class DemoCommand implements Callable<Integer> {

    static final Variants VARIANTS = Variants.of("""
            stock = default
            caponly = default lsm=capability
            """);

    /**
     * Rounds under icount without {@code --rounds} or sequential rounds: two balanced blocks, one
     * per job on two CPUs. Each round's difference repeats to within 0.01 % there, so two rounds a
     * kernel would decide; four keep every kernel in every position twice.
     */
    static final int ICOUNT_ROUNDS = 4;

    /** Warm-ups under icount without {@code --warmups}: one, as lsm-cost's, so the measured run is not a VM's first. */
    static final int ICOUNT_WARMUPS = 1;

    /** eventfd's own count, run when it is given none (workloads/eventfd.c). */
    private static final long EVENTFD_WRITES = 1_000_000;

    @ParentCommand
    Kbench kbench;

    @Mixin
    ExperimentOptions options;

    @Mixin
    JobsOption jobs;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Accel requested = options.accel();
        VariantsExperiment demo = new VariantsExperiment("kbench demo", VARIANTS,
                "written by kbench demo: one kernel per line, name = KERNEL [extra kernel command line]");
        // the options checked as given, before the kernel is fetched or KVM probed
        sizeFor(requested);
        jobs.resolve(options, false);
        Experiment asGiven = plan(demo);
        demo.announceKernel(kbench.settings(), System.out);
        DemoAccel chosen = DemoAccel.choose(requested,
                () -> BootPlan.autoVerdict(asGiven.guest(), asGiven.kernels().get(0), asGiven.memoryMib(), System.out));
        chosen.announcement().ifPresent(System.out::println);
        options.accel(chosen.accel());
        sizeFor(options.accel());
        int jobCount = jobs.resolve(options, false);
        Experiment experiment = plan(demo);
        long writes = options.scale.operations(experiment.workloads().get(0), options.accel()).orElse(EVENTFD_WRITES);
        System.out.printf("kbench demo: variants 'stock' (the kernel's default LSM stack) and 'caponly' (lsm=capability);"
                + " workload eventfd (%,d eventfd writes, prints their CPU time in %s)%n", writes,
                options.accel() == Accel.ICOUNT ? "thousands of instructions" : "µs");
        System.out.printf("kbench demo: %s, rounds interleaved%s; %s%n", VariantsExperiment.design(experiment, options.accel(), "run", ""),
                jobCount == 1 ? "" : ", as " + jobCount + " jobs at once", expectedTime(options.accel()));
        ExperimentExit.Finished finished = demo.run(experiment, options.out(), jobCount, "demo", jobArgs());
        if (finished.status() == 0 && options.shard == null) {
            verdicts(finished.measured(), experiment.criteria()).forEach(System.out::println);
            System.out.println("kbench: the same on your own kernels: " + ownKernels(Kbench.launcher(Path.of("")), jobCount));
        }
        return finished.status();
    }

    /**
     * The demo's answer, a line per workload and kernel: the verdict the table gave, with its effect and interval, and
     * what was measured: {@code kbench demo: eventfd: caponly is 15.35 % faster than stock [-15.35 %, -15.35 %]
     * (icount: guest instructions)}.
     */
    List<String> verdicts(Map<String, List<KernelRounds>> measured, Criteria criteria) {
        return VerdictLines.of("kbench demo", measured, criteria, Optional.of(options.accel()));
    }

    private Experiment plan(VariantsExperiment demo) throws IOException {
        return demo.plan(kbench.settings(), options, List.of("stock", "caponly"), List.of(new Workload.BuiltIn("eventfd")), "lsm-perf.csv");
    }

    /**
     * Under icount, the rounds, runs and warm-ups not given take icount's sizes: one measured run
     * a VM, as lsm-cost's ({@link LsmCostCommand#ICOUNT_RUNS}), since its runs repeat to within
     * 0.01 % and the rounds carry the comparison. TCG and KVM keep {@link CommandDefaults.Demo}'s.
     */
    void sizeFor(Accel accel) {
        if (accel != Accel.ICOUNT) {
            return;
        }
        if (!CommandDefaults.given(spec, "--rounds")) {
            options.rounds = ICOUNT_ROUNDS;
        }
        if (!CommandDefaults.given(spec, "--runs")) {
            options.runs = LsmCostCommand.ICOUNT_RUNS;
        }
        if (!CommandDefaults.given(spec, "--warmups")) {
            options.warmups(ICOUNT_WARMUPS);
        }
    }

    /** The demo's wall time as measured on a 2-core machine, the kernel cached. */
    private static String expectedTime(Accel accel) {
        return switch (accel) {
            case ICOUNT -> "about a minute and a half on 2 cores";
            case KVM -> "well under a minute with KVM";
            default -> "about 3 minutes under TCG on 2 cores, whose emulated time varies too much between boots for most verdicts";
        };
    }

    /** Each job's options: the demo's own, with the accelerator decided here, which a job must not decide again. */
    private List<String> jobArgs() {
        List<String> args = new ArrayList<>(LocalShards.optionsBut(spec, "--jobs", "--accel"));
        args.addAll(List.of("--accel", options.accel().qemuName()));
        return args;
    }

    /**
     * The {@code kbench run} command that makes this comparison on two kernels of the user's, as
     * it stands but for the paths: the demo's accelerator and sizes, the first kernel the baseline.
     */
    String ownKernels(String launcher, int jobCount) {
        return launcher + " run -k old new --variant old=/path/old/bzImage --variant new=/path/new/bzImage -w eventfd --accel "
                + options.accel().qemuName() + " --rounds " + options.rounds + " --runs " + options.runs + " --warmups " + options.warmups()
                + (jobCount == 1 ? "" : " --jobs " + jobCount);
    }
}
