package dev.kbench.run;

import dev.kbench.guest.Workload;
import dev.kbench.plan.GuestSettings;
import dev.kbench.results.Criteria;
import dev.kbench.vm.Accel;
import dev.kbench.vm.CpuPinning;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** An {@link Experiment} described fluently, and checked whole when built: kbench run's defaults until an option says otherwise. */
public final class ExperimentBuilder {
    final GuestSettings guest;
    List<String> kernels = List.of();
    List<Workload> workloads = List.of();
    int rounds = 5;
    int runs = 100;
    int warmups = 5;
    Accel accel = Accel.AUTO;
    int memoryMib = 512;
    RunOrder order = RunOrder.BALANCED;
    Criteria criteria = Criteria.DEFAULT;
    Optional<Double> precisionPercent = Optional.empty();
    Optional<Integer> maxRounds = Optional.empty();
    Optional<Duration> maxTime = Optional.empty();
    boolean sequential;
    Optional<List<String>> warmed = Optional.empty();
    boolean warmEvery;
    Optional<List<String>> held = Optional.empty();
    long seed = Experiment.drawSeed();
    Optional<CpuPinning> pinning = Optional.empty();
    Optional<Path> image = Optional.empty();
    Optional<String> unit = Optional.empty();
    Optional<String> suiteName = Optional.empty();
    WorkloadScale scale = WorkloadScale.AUTO;
    Path out = Path.of("lsm-perf.csv").toAbsolutePath();
    Optional<Shard> shard = Optional.empty();

    ExperimentBuilder(GuestSettings guest) {
        this.guest = Objects.requireNonNull(guest, "guest");
    }

    /** Kernel names, variant names or paths; the first is the baseline. */
    public ExperimentBuilder kernels(List<String> names) {
        this.kernels = List.copyOf(names);
        return this;
    }

    public ExperimentBuilder workloads(List<Workload> list) {
        this.workloads = List.copyOf(list);
        return this;
    }

    public ExperimentBuilder rounds(int count) {
        this.rounds = count;
        return this;
    }

    public ExperimentBuilder runs(int count) {
        this.runs = count;
        return this;
    }

    public ExperimentBuilder warmups(int count) {
        this.warmups = count;
        return this;
    }

    public ExperimentBuilder accel(Accel value) {
        this.accel = value;
        return this;
    }

    public ExperimentBuilder memoryMib(int mib) {
        this.memoryMib = mib;
        return this;
    }

    public ExperimentBuilder order(RunOrder value) {
        this.order = value;
        return this;
    }

    public ExperimentBuilder criteria(Criteria value) {
        this.criteria = value;
        return this;
    }

    /** Adds rounds until every comparison's 95 % CI half-width is at most {@code percent}. */
    public ExperimentBuilder precision(Optional<Double> percent) {
        this.precisionPercent = percent;
        return this;
    }

    public ExperimentBuilder maxRounds(Optional<Integer> limit) {
        this.maxRounds = limit;
        return this;
    }

    /**
     * Sequential rounds: past {@code --rounds}, a round runs only the workloads whose comparisons are
     * not yet decided (at a level corrected for every look), up to {@code --max-rounds}.
     */
    public ExperimentBuilder sequential(boolean value) {
        this.sequential = value;
        return this;
    }

    /**
     * The workloads that get warm-up runs, as an experiment recorded them; empty: as {@link
     * WorkloadTable#WARM_UPS} says for the accelerator the experiment runs under.
     */
    public ExperimentBuilder warmed(Optional<List<String>> workloadIds) {
        this.warmed = workloadIds.map(List::copyOf);
        return this;
    }

    /** Every workload gets the warm-up runs, whatever {@link WorkloadTable#WARM_UPS} says ({@code --warmups} given). */
    public ExperimentBuilder warmEvery() {
        this.warmEvery = true;
        return this;
    }

    /**
     * The workloads a sequential experiment decides only at {@code --max-rounds}, as an experiment
     * recorded them; empty: as {@link WorkloadTable#ROUND_MODES} says for the accelerator the experiment runs under.
     */
    public ExperimentBuilder held(Optional<List<String>> workloadIds) {
        this.held = workloadIds.map(List::copyOf);
        return this;
    }

    public ExperimentBuilder maxTime(Optional<Duration> limit) {
        this.maxTime = limit;
        return this;
    }

    public ExperimentBuilder seed(long value) {
        this.seed = value;
        return this;
    }

    public ExperimentBuilder pinning(Optional<CpuPinning> cpus) {
        this.pinning = cpus;
        return this;
    }

    public ExperimentBuilder image(Optional<Path> diskImage) {
        this.image = diskImage.map(Path::toAbsolutePath);
        return this;
    }

    /** What a program of the user's prints ({@code --unit}); built-in workloads declare their own. */
    public ExperimentBuilder unit(Optional<String> programUnit) {
        this.unit = programUnit.map(String::strip).filter(u -> !u.isEmpty());
        return this;
    }

    /** {@code --scale}: built-in workloads' default counts times a factor, or {@code auto}: counts that follow the accelerator. */
    public ExperimentBuilder scale(WorkloadScale factor) {
        this.scale = java.util.Objects.requireNonNull(factor, "scale");
        return this;
    }

    /** What the merged JSON calls a suite ({@code --suite-name}) instead of listing its workloads. */
    public ExperimentBuilder suiteName(Optional<String> name) {
        this.suiteName = name.map(String::strip).filter(n -> !n.isEmpty());
        return this;
    }

    /** {@code --shard K/N}: run only this host's part of the experiment, for {@code kbench merge} to join. */
    public ExperimentBuilder shard(Optional<Shard> part) {
        this.shard = part;
        return this;
    }

    public ExperimentBuilder out(Path csv) {
        this.out = csv.toAbsolutePath();
        return this;
    }

    public Experiment build() {
        if (kernels.isEmpty()) {
            throw new IllegalArgumentException("give at least one kernel with -k");
        }
        if (workloads.isEmpty()) {
            throw new IllegalArgumentException("give at least one workload with -w");
        }
        if (rounds < 1 || runs < 1 || warmups < 0) {
            throw new IllegalArgumentException("--rounds and --runs must be at least 1, --warmups at least 0");
        }
        if (precisionPercent.isPresent() && !(precisionPercent.get() > 0)) {
            throw new IllegalArgumentException("--precision must be a percentage above 0");
        }
        if (maxRounds.isPresent() && maxRounds.get() < rounds) {
            throw new IllegalArgumentException("--max-rounds " + maxRounds.get() + " is fewer than --rounds " + rounds);
        }
        if (pinning.isPresent() && accel == Accel.ICOUNT) {
            throw new IllegalArgumentException("-c pins two vCPUs, but --accel icount runs one (QEMU hangs booting a second under icount): drop -c");
        }
        if (shard.isPresent() && precisionPercent.isPresent()) {
            throw new IllegalArgumentException("--precision cannot decide on one shard's rounds (the others are on other hosts):"
                    + " drop it, or run kbench plan on the merged result for the rounds to give --rounds");
        }
        // refuses more shards than rounds before any boot
        shard.ifPresent(s -> s.rounds(rounds, OrderDesign.blockSize(order, kernels.size())));
        return new Experiment(this);
    }
}
