package dev.kbench.cli;

import dev.kbench.Settings;
import dev.kbench.cluster.ResultsVolume;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * {@code kbench run}'s options as every shard of a Kubernetes Job runs them. They are parsed here
 * by {@code run}'s own parser, so that a typo is an error now, not in N pods of a cluster; and
 * checked for what a shard cannot do: choose its shard, resume, name host CPUs, or write outside
 * the results volume. {@code arguments} ends with {@code -o out} when the user gave no {@code -o},
 * then with {@code --seed} when the user gave none: every pod runs the same order.
 */
record ShardRunOptions(List<String> arguments, Path out, int guestMemoryMib, ShardSeed seed) {

    ShardRunOptions {
        arguments = List.copyOf(arguments);
    }

    /**
     * {@code options} as kbench run reads them, for shards that a scheduler starts (Slurm's tasks,
     * Kubernetes' pods): a mistake is a usage error now, not a failed task on every node later.
     *
     * @param whyNoShard why the options cannot choose the shard; {@code whyNoResume} likewise for --resume
     */
    static RunCommand parsed(List<String> options, Settings settings, String whyNoShard, String whyNoResume) {
        if (options.isEmpty()) {
            throw new IllegalArgumentException("no run options: give kbench run's options after --, e.g. -- -k default mine.bzImage --rounds 10");
        }
        for (String option : options) {
            if (option.equals("--shard") || option.startsWith("--shard=")) {
                throw new IllegalArgumentException("the run options hold --shard: " + whyNoShard + "; drop it");
            }
        }
        CommandLine.ParseResult parsed;
        try {
            List<String> args = new ArrayList<>(List.of("run"));
            args.addAll(options);
            parsed = Kbench.commandLine(settings).parseArgs(args.toArray(String[]::new)).subcommand();
        } catch (ParameterException e) {
            throw new IllegalArgumentException("run options: " + e.getMessage());
        }
        if (parsed.isUsageHelpRequested() || parsed.isVersionHelpRequested()) {
            throw new IllegalArgumentException("the run options ask for help or the version: every shard would print it and measure nothing; drop it");
        }
        RunCommand run = (RunCommand) parsed.commandSpec().userObject();
        if (run.resume.resume != null) {
            throw new IllegalArgumentException("the run options hold --resume: " + whyNoResume + "; drop it");
        }
        if (run.kernels.kernels == null) {
            throw new IllegalArgumentException("the run options name no kernel: give kbench run's -k KERNELS after --");
        }
        return run;
    }

    /**
     * {@code options} checked for a shard of experiment {@code name}; without {@code -o}, the
     * output goes to NAME/lsm-perf.csv on {@code volume}; without {@code --seed}, one is drawn.
     * {@code pinned}: the shards pin to their own CPUs, so {@code -c} would clash.
     */
    static ShardRunOptions of(List<String> options, Settings settings, ResultsVolume volume, String name, boolean pinned) {
        RunCommand run = parsed(options, settings, "each pod gets its own (--shard K/N, N from --shards)",
                "a shard starts afresh (a failed one is run again, --retries)");
        CommandLine.ParseResult parsed = run.spec.commandLine().getParseResult();
        if (pinned && run.cpus != null) {
            throw new IllegalArgumentException("the run options hold -c, but a pod's CPUs are known only once it runs: drop -c"
                    + " (each shard pins to its own CPUs), or give --no-pin to keep it");
        }
        ShardSeed seed = ShardSeed.of(run);
        if (parsed.hasMatchedOption("--out")) {
            return new ShardRunOptions(seed.onto(options), run.experiment.out(), run.guestMemoryMib(), seed);
        }
        // run's default output file, in a folder of this experiment's own on the volume
        Path out = volume.mountPath().resolve(name).resolve(run.experiment.out());
        List<String> withOut = new ArrayList<>(options);
        withOut.addAll(List.of("-o", out.toString()));
        return new ShardRunOptions(seed.onto(withOut), out, run.guestMemoryMib(), seed);
    }
}
