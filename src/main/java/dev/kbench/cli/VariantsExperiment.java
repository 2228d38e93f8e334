package dev.kbench.cli;

import dev.kbench.KbenchException;
import dev.kbench.Settings;
import dev.kbench.guest.Workload;
import dev.kbench.kernel.DebianKernelPackage;
import dev.kbench.kernel.Kernel;
import dev.kbench.kernel.Variants;
import dev.kbench.plan.GuestSettings;
import dev.kbench.run.Experiment;
import dev.kbench.vm.Accel;
import dev.kbench.vm.HostCpus;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code kbench demo} and {@code kbench lsm-cost} both do: variants of the default kernel,
 * written to {@code variants.conf} in the output folder for the reader, run as an experiment.
 *
 * @param who how the command signs its lines: "kbench demo", ...
 * @param comment the variants file's first line
 */
record VariantsExperiment(String who, Variants variants, String comment) {

    /** The default kernel as the lines' reader should know it: name, package version and file. */
    Kernel announceKernel(Settings settings, PrintStream out) throws IOException {
        DebianKernelPackage debian = new DebianKernelPackage(settings.cache().folder("kernels"), out);
        Kernel kernel = debian.defaultKernel();
        out.println(who + ": kernel " + kernel.name() + " " + debian.versionOf(kernel.name()).orElse("") + " (" + kernel.image() + ")");
        return kernel;
    }

    /**
     * The experiment running {@code kernels} (names of these variants) on {@code workloads} into
     * the options' output folder, its options checked: before the kernel is fetched or announced.
     */
    Experiment plan(Settings settings, ExperimentOptions options, List<String> kernels, List<Workload> workloads, String csvName) throws IOException {
        GuestSettings guest = GuestSettings.from(settings);
        return options.applyTo(Experiment.builder(guest.withKernels(guest.kernels().withVariants(variants)))).kernels(kernels)
                .workloads(workloads).out(options.out().resolve(csvName)).build();
    }

    /**
     * What every VM of {@code experiment} runs under {@code accel}, and how many rounds: the line
     * that starts a demo or lsm-cost run, e.g. {@code at least 2 rounds x 2 variants (at most 4; ...),
     * each a fresh VM running 1 measured run, no warm-up (...)}.
     *
     * @param run what one measured run is called: a "run" of one workload, a "pass" over a suite
     * @param over what follows it: "over the suite", or nothing
     */
    static String design(Experiment experiment, Accel accel, String run, String over) {
        int variants = experiment.kernels().size();
        int warmups = experiment.warmups();
        List<String> warmed = experiment.warmedUnder(accel);
        String measured = experiment.runs() + " measured " + plural(run, experiment.runs()) + (over.isEmpty() ? "" : " " + over);
        String warm = warmups == 0 ? ""
                : warmed.isEmpty() ? ", no warm-up (the first run in a fresh VM was measured to be like the later ones)"
                : warmed.size() == experiment.workloads().size() ? ", after " + warmups + " warm-up " + plural(run, warmups)
                : ", after " + warmups + " warm-up " + plural("run", warmups) + " of " + String.join(", ", warmed)
                        + " only (the workloads whose first run in a fresh VM was measured to differ from the later ones)";
        // a shard (one of the jobs, or a host's) says its own share of the rounds
        String share = experiment.shard().map(shard -> experiment.plannedRounds() + " of ").orElse("");
        String rounds = experiment.sequential()
                ? "at least " + share + experiment.rounds() + " rounds x " + variants + " variants (at most " + experiment.maxRounds()
                        + "; rounds past " + experiment.rounds() + " run only the workloads still undecided" + held(experiment, accel) + ")"
                : share + experiment.rounds() + " rounds x " + variants + " variants";
        return rounds + ", each a fresh VM running " + measured + warm;
    }

    /** What the start line says of the workloads a sequential experiment holds to --max-rounds, which run in every round: nothing if none. */
    private static String held(Experiment experiment, Accel accel) {
        List<String> held = experiment.heldUnder(accel);
        String why = " (their rounds jump between modes or were never measured)";
        return held.isEmpty() ? "" : held.size() == experiment.workloads().size() ? "; here that is every workload" + why
                : ", and " + String.join(", ", held) + " in every round" + why;
    }

    private static String plural(String noun, int count) {
        return count == 1 ? noun : noun + (noun.endsWith("s") ? "es" : "s");
    }

    /**
     * Runs {@code experiment}, with {@code variants.conf} written first into {@code folder}, its
     * output folder: in this process, or as {@code jobs} shards at once ({@code --jobs}), each a
     * {@code kbench COMMAND ARGS --shard K/N} on its own CPUs, then merged into {@code folder}; what it measured
     * when it ended well.
     */
    ExperimentExit.Finished run(Experiment experiment, Path folder, int jobs, String command, List<String> args) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("variants.conf"), variants.format(comment));
        if (jobs == 1) {
            return ExperimentExit.finish(experiment, who, false);
        }
        // demo and lsm-cost have no -c to pin a job's QEMU with: each job is confined to its CPUs only
        LocalShards shards = new LocalShards(Kbench.thisKbench(), command, args, experiment.givenOut(), false, experiment.seed(), System.out);
        try {
            return shards.finish(HostCpus.ofThisProcess().split(jobs), experiment.criteria());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KbenchException(KbenchException.Kind.INFRASTRUCTURE, "interrupted while the jobs ran", e);
        }
    }
}
