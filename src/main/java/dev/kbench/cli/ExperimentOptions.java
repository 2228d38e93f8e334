package dev.kbench.cli;

import dev.kbench.run.Experiment;
import dev.kbench.run.ExperimentBuilder;
import dev.kbench.run.RunOrder;
import dev.kbench.run.Shard;
import dev.kbench.run.WorkloadScale;
import dev.kbench.vm.Accel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options every experiment command shares (run, demo, lsm-cost). Their defaults differ per
 * command and come from each command's {@link CommandDefaults}; --warmups, --accel and -o are
 * declared once for every command that has them ({@link WarmupsOption}, ...).
 */
final class ExperimentOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--rounds", paramLabel = "N", description = "Rounds: times every kernel's VM is restarted (fresh VMs, JMH forks). Default: ${DEFAULT-VALUE}.")
    int rounds;

    @Option(names = "--runs", paramLabel = "N", description = "Measured runs (passes over a suite) per kernel and round. Default: ${DEFAULT-VALUE}.")
    int runs;

    @Mixin
    WarmupsOption warmups;

    @Mixin
    AccelOption accel;

    @Option(names = "--scale", paramLabel = "auto|FACTOR", defaultValue = "auto",
            description = "How many operations built-in workloads run. auto: their default counts under TCG and KVM; under icount,"
                    + " where a run repeats to within 0.01%%, each one's own smaller count, cut only as far as its instructions per"
                    + " operation stay within 0.1%% or its own noise (docs/measurements.md). FACTOR: every default count times FACTOR, under any"
                    + " accelerator (shorter runs move some workloads' cost per operation). Default: ${DEFAULT-VALUE}.")
    WorkloadScale scale;

    @Option(names = "--order", paramLabel = "ORDER", defaultValue = "balanced",
            description = "The kernels' order within each round: balanced (Williams squares: every kernel in every position,"
                    + " and after every other, equally often), random (shuffled every round) or fixed (as given, lsm-perf's)."
                    + " Default: ${DEFAULT-VALUE}.")
    RunOrder order;

    @Option(names = "--seed", paramLabel = "N", description = "The seed the order is drawn from; printed at the start, so a run's"
            + " order can be repeated. Default: a new one every run.")
    Long seed;

    @Mixin
    OutputOption output;

    @Mixin
    VerdictOptions verdict;

    @Option(names = "--precision", paramLabel = "PCT", converter = Converters.PercentConverter.class,
            description = "Add rounds past --rounds (a balanced block at a time) until every comparison's 95%% CI is within ±PCT %% (1, 1%% or 0.5%%),"
                    + " or a limit is hit; says which. Default: run --rounds rounds only.")
    Double precision;

    @Option(names = "--sequential", negatable = true,
            description = "Past --rounds, run a round only for the workloads whose verdict is still undecided (slower, faster or same at"
                    + " a level corrected for every look, so stopping early keeps the error rate), until all are decided or --max-rounds;"
                    + " a workload whose rounds jump between modes (page-fault, fork, exec under icount) or a program of yours is decided"
                    + " only at --max-rounds."
                    + " Default: on under --accel icount without --precision, where --rounds then defaults to " + SEQUENTIAL_ROUNDS
                    + "; off otherwise (--no-sequential runs every workload in every round).")
    Boolean sequential;

    @Option(names = "--max-rounds", paramLabel = "N", description = "With --precision or --sequential: the most rounds. Default: 100 with"
            + " --precision, " + Experiment.SEQUENTIAL_MAX_ROUNDS + " with --sequential (or --rounds if more).")
    Integer maxRounds;

    @Option(names = "--max-time", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
            description = "With --precision or --sequential: start no round after this long, e.g. 90s, 30m or 2h. Default: no limit.")
    Duration maxTime;

    @Option(names = "--shard", paramLabel = "K/N",
            description = "Run only shard K of N of the experiment (1 <= K <= N), for kbench merge to join with the others, e.g. one"
                    + " Slurm array task each: every shard runs every kernel of its rounds on its own host (hosts are blocks, never"
                    + " treatments), whole balanced blocks of rounds when there are enough. Its files go to shard-K-of-N/ beside -o."
                    + " Needs --seed, the same for every shard. Default: the whole experiment.")
    Shard shard;

    /**
     * Rounds every workload runs in a sequential experiment under icount when {@code --rounds} is not
     * given: the fewest that give an interval (Welch needs two a kernel); rounds past them run only
     * what is undecided, and under icount most comparisons are decided after two.
     */
    static final int SEQUENTIAL_ROUNDS = 2;

    int warmups() {
        return warmups.warmups;
    }

    /** Whether rounds past --rounds run only the undecided workloads: as given, else under icount unless --precision is. */
    boolean sequential() {
        return sequential != null ? sequential : accel() == Accel.ICOUNT && precision == null;
    }

    void warmups(int count) {
        warmups.warmups = count;
    }

    Accel accel() {
        return accel.accel;
    }

    /** The accelerator decided after parsing (the demo's, for auto). */
    void accel(Accel decided) {
        accel.accel = decided;
    }

    Path out() {
        return output.out;
    }

    /** These options' part of an experiment; a usage error for a shard without a seed. */
    ExperimentBuilder applyTo(ExperimentBuilder builder) {
        if (shard != null && seed == null) {
            // a shard drawing its own seed would run its own order, which kbench merge refuses only after every shard has run
            throw new ParameterException(spec.commandLine(), "--shard needs --seed: every shard of one experiment must run the same order;"
                    + " give all shards the same --seed N");
        }
        if (Boolean.TRUE.equals(sequential) && precision != null) {
            throw new ParameterException(spec.commandLine(), "--sequential and --precision are two ways to stop: give one");
        }
        if (sequential() && sequential == null && !CommandDefaults.given(spec, "--rounds")) {
            rounds = SEQUENTIAL_ROUNDS;
        }
        if (CommandDefaults.given(spec, "--warmups")) {
            builder.warmEvery();
        }
        builder.sequential(sequential()).rounds(rounds).runs(runs).warmups(warmups()).accel(accel()).scale(scale).order(order)
                .criteria(verdict.criteria())
                .precision(Optional.ofNullable(precision)).maxRounds(Optional.ofNullable(maxRounds)).maxTime(Optional.ofNullable(maxTime))
                .shard(Optional.ofNullable(shard));
        if (seed != null) {
            builder.seed(seed);
        }
        return builder;
    }
}
