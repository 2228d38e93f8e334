package dev.kbench.cli;

import dev.kbench.run.Shard;
import dev.kbench.vm.Accel;
import dev.kbench.vm.HostCpus;
import java.io.IOException;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --jobs} of run, demo and lsm-cost: the experiment as N shards at once on this host
 * ({@link LocalShards}). demo and lsm-cost run by default one job per usable CPU under icount,
 * whose results count instructions and so do not depend on what else the host runs (two jobs on
 * two cores measured within 0.005 % of one, docs/cluster.md), and one job under TCG and KVM,
 * whose timings would take in the other jobs' load; kbench run runs one, as lsm-perf did
 * ({@link CommandDefaults.Run}).
 */
final class JobsOption {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--jobs", paramLabel = "N",
            description = "Run the experiment as N shards at once on this host, each confined to its own CPUs (this process's CPUs"
                    + " split evenly; kbench run pins a job of 3 or more within them as -c pins), then merge them (kbench merge)."
                    + " Not with -c, --shard or --precision. Default: kbench run: 1; demo and lsm-cost: under --accel icount one per"
                    + " CPU this process may use (at most one per round), else 1: TCG's and KVM's timings would take in the other jobs' load.")
    Integer jobs;

    /**
     * The jobs to run: --jobs, or its default for these options; a usage error if they cannot split the rounds.
     *
     * @param pinned whether the command pins QEMU's CPUs itself ({@code kbench run -c}), which jobs do for it
     */
    int resolve(ExperimentOptions options, boolean pinned) throws IOException {
        if (jobs == null) {
            return pinned ? 1 : byDefault(options, HostCpus.ofThisProcess().cpus().size());
        }
        if (jobs == 1) {
            return 1;
        }
        if (jobs > 1 && (pinned || options.shard != null)) {
            throw new ParameterException(spec.commandLine(), pinned ? "--jobs pins each job within its own CPUs: drop -c"
                    : "--jobs gives each job its shard: drop --shard");
        }
        check(spec.commandLine(), jobs, options);
        return jobs;
    }

    /** The usage errors of {@code --jobs N} before any kernel is looked for: a count below 1, {@code --precision}, and more jobs than the rounds split into. */
    private static void check(CommandLine commandLine, int jobs, ExperimentOptions options) {
        if (jobs < 1) {
            throw new ParameterException(commandLine, "--jobs must be 1 or more");
        }
        if (jobs > 1 && options.precision != null) {
            throw new ParameterException(commandLine, "--precision cannot decide on one job's rounds: drop it, or --jobs");
        }
        Optional<String> tooFew = Shard.tooFewRounds(jobs, options.rounds);
        if (tooFew.isPresent()) {
            throw new ParameterException(commandLine, "--jobs " + jobs + ": " + tooFew.get());
        }
    }

    /** The jobs without {@code --jobs}, for these options on {@code cpus} usable CPUs. */
    static int byDefault(ExperimentOptions options, int cpus) {
        // a shard runs itself; --precision decides on all rounds, which no one job sees
        if (options.accel() != Accel.ICOUNT || options.shard != null || options.precision != null) {
            return 1;
        }
        return Math.max(1, Math.min(cpus, options.rounds));
    }
}
