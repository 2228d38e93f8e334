package dev.kbench.cli;

import dev.kbench.KbenchException;
import dev.kbench.guest.Workload;
import dev.kbench.kernel.Variants;
import dev.kbench.run.Experiment;
import dev.kbench.vm.Accel;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code kbench lsm-cost}: the reference experiment. The whole workload suite on the default
 * kernel, booted with each LSM stack the kernel command line can make: the kernel's default
 * stack, each LSM alone after capabilities, and capabilities only. Rounds are interleaved as in
 * {@code kbench run}, and every boot runs the whole suite (one VM per variant and round).
 */
@Command(name = "lsm-cost", mixinStandardHelpOptions = true, defaultValueProvider = CommandDefaults.LsmCost.class,
        description = "The reference experiment: every built-in workload on the default kernel with its default LSM stack,"
                + " each LSM alone (lsm=NAME) and capabilities only; writes CSVs, JMH JSON, a comparison table and an HTML report."
                + " Under --accel icount, whose passes repeat to within 0.01 %%, each VM runs one measured pass unless --runs is given,"
                + " and rounds past the first " + ExperimentOptions.SEQUENTIAL_ROUNDS + " run only the workloads still undecided (--sequential).")
final class LsmCostCommand implements Callable<Integer> {

    /**
     * The variants, baseline first. {@code lsm=} replaces the kernel's CONFIG_LSM order;
     * capabilities always come first. SELinux, AppArmor and Smack are exclusive: the default
     * stack of Debian's kernel has AppArmor, not SELinux, and this kernel has no Smack.
     */
    static final Variants VARIANTS = Variants.of("""
            caponly = default lsm=capability
            stack = default
            apparmor = default lsm=apparmor
            selinux = default lsm=selinux
            tomoyo = default lsm=tomoyo
            landlock = default lsm=landlock
            yama = default lsm=yama
            bpf = default lsm=bpf
            """);

    @ParentCommand
    Kbench kbench;

    @Mixin
    ExperimentOptions options;

    @Mixin
    JobsOption jobs;

    @Spec
    CommandSpec spec;

    @Mixin
    WorkloadsOption workloads;

    /** Only these variants, the first as baseline. */
    @Mixin
    KernelsOption only;

    /**
     * Measured passes per VM under icount when {@code --runs} is not given. A VM's passes repeat
     * there to within 0.01 % on most workloads, so the within-round variance that more passes
     * would average is next to none: the runs per round that minimise the cost of a given
     * precision (Kalibera and Jones 2013) come to one, and the rounds carry the comparison.
     * {@code --runs 2} gets the drift check back.
     */
    static final int ICOUNT_RUNS = 1;

    @Override
    public Integer call() throws IOException {
        options.runs = measuredRuns();
        int jobCount = jobs.resolve(options, false);
        VariantsExperiment cost = new VariantsExperiment("kbench lsm-cost", VARIANTS,
                "written by kbench lsm-cost: one kernel per line, name = KERNEL [extra kernel command line]");
        List<String> variants = variantNames();
        List<Workload> suite = Workload.parseAll(workloads.workloads);
        Experiment experiment = cost.plan(kbench.settings(), options, variants, suite, "lsm-cost.csv");
        // fetched here, not by each job at once
        cost.announceKernel(kbench.settings(), System.out);
        boolean icount = options.accel() == Accel.ICOUNT;
        System.out.println("kbench lsm-cost: variants " + String.join(", ", variants) + " (see " + options.out().resolve("variants.conf")
                + "); " + suite.size() + " workloads, " + options.scale.describe(suite, options.accel()));
        System.out.println("kbench lsm-cost: " + VariantsExperiment.design(experiment, options.accel(), "pass", "over the suite")
                + String.format(Locale.ROOT, "; about %d min without KVM on 2 cores (%s)",
                Math.round(minutes(experiment, jobCount)), icount ? "icount" : "TCG"));
        return cost.run(experiment, options.out(), jobCount, "lsm-cost", LocalShards.optionsBut(spec, "--jobs")).status();
    }

    /**
     * The experiment's minutes without KVM, as measured on a 2-core machine: a VM's boot, set-up
     * and JMH fork about 8.3 s, a workload run under icount at its icount count ({@code --scale
     * auto}) 0.7 s of host time (9.5 s and 0.8 s beside another job, docs/lsm-cost.md's
     * sequential runs), under TCG 1.1 s at its default count and under icount 1.45 s at the
     * default count (docs/measurements.md), a factor's share of the default otherwise; a VM beside
     * another job's takes 1.15 times as long. Jobs at once share the
     * rounds out, the most rounds a job has take the time. Sequential rounds past the first run
     * about half the workloads' time of a first round (the undecided ones are the slow ones), a
     * look waiting for the other jobs' first rounds included.
     */
    private double minutes(Experiment experiment, int jobCount) {
        boolean icount = options.accel() == Accel.ICOUNT;
        double factor = options.scale.factor().orElse(1.0);
        double perRun = icount && options.scale.factor().isEmpty() ? 0.7 : (icount ? 1.45 : 1.1) * factor;
        int workloads = experiment.workloads().size();
        int warmed = experiment.warmedUnder(options.accel()).size();
        // a shard (one of the jobs, or a host's) runs its share of the rounds
        int share = options.shard != null ? options.shard.count() : jobCount;
        int rounds = (experiment.rounds() + share - 1) / share;
        double vm = 8.3;
        double seconds = rounds * experiment.kernels().size() * (vm + (warmed * options.warmups() + workloads * options.runs) * perRun);
        if (experiment.sequential()) {
            int later = (experiment.maxRounds() - experiment.rounds() + share - 1) / share;
            seconds += later * experiment.kernels().size() * (vm + UNDECIDED_SHARE * workloads * options.runs * perRun);
        }
        return (share == 1 ? seconds : seconds * 1.15) / 60;
    }

    /** The share of a round's workload time a sequential round past the first ones takes under icount (docs/lsm-cost.md). */
    private static final double UNDECIDED_SHARE = 0.5;

    /** --runs, or under icount without it {@link #ICOUNT_RUNS}. */
    int measuredRuns() {
        return options.accel() == Accel.ICOUNT && !CommandDefaults.given(spec, "--runs") ? ICOUNT_RUNS : options.runs;
    }

    private List<String> variantNames() throws KbenchException {
        List<String> all = VARIANTS.names();
        if (only.kernels == null) {
            return all;
        }
        for (String name : only.kernels) {
            if (!all.contains(name)) {
                throw new KbenchException(KbenchException.Kind.BAD_INPUT, "unknown variant '" + name + "': the variants are "
                        + String.join(", ", all));
            }
        }
        return List.copyOf(only.kernels);
    }
}
