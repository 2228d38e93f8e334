package dev.kbench.run;

import dev.kbench.guest.Workload;
import dev.kbench.plan.GuestSettings;
import dev.kbench.results.Criteria;
import dev.kbench.vm.Accel;
import dev.kbench.vm.CpuPinning;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What {@code kbench run} measures, as one immutable value: lsm-perf's experiment. Every kernel
 * is booted {@code rounds} times (a fresh VM each, a JMH fork), and each boot runs the workload
 * {@code warmups} times unmeasured, then {@code runs} times measured. With several workloads
 * (a suite), each boot runs all of them in turn, {@code warmups} then {@code runs} passes.
 * Built fluently by {@link ExperimentBuilder}, as JMH's {@code OptionsBuilder}:
 *
 * <pre>{@code
 * Experiment experiment = Experiment.builder(settings)
 *         .kernels("stock", "caponly").workloads(List.of(new Workload.BuiltIn("eventfd")))
 *         .rounds(5).runs(10).warmups(2).accel(Accel.TCG).out(Path.of("out/lsm-perf.csv")).build();
 * }</pre>
 */
public final class Experiment {

    private final List<String> kernels;
    private final List<Workload> workloads;
    private final int rounds;
    private final int runs;
    private final int warmups;
    private final Accel accel;
    private final int memoryMib;
    private final RunOrder order;
    private final Criteria criteria;
    private final Optional<Double> precisionPercent;
    private final int maxRounds;
    private final Optional<Duration> maxTime;
    private final boolean sequential;
    private final Optional<List<String>> warmed;
    private final Optional<List<String>> held;
    private final long seed;
    private final Optional<String> unit;
    private final Optional<String> suiteName;
    private final WorkloadScale scale;
    private final Optional<CpuPinning> pinning;
    private final Optional<Path> image;
    private final Optional<Shard> shard;
    private final GuestSettings guest;
    private final Path givenOut;
    private final Path out;

    Experiment(ExperimentBuilder b) {
        this.kernels = List.copyOf(b.kernels);
        this.workloads = List.copyOf(b.workloads);
        this.rounds = b.rounds;
        this.runs = b.runs;
        this.warmups = b.warmups;
        this.accel = b.accel;
        this.memoryMib = b.memoryMib;
        this.order = b.order;
        this.criteria = b.criteria;
        this.precisionPercent = b.precisionPercent;
        this.maxRounds = b.maxRounds.orElse(b.precisionPercent.isPresent() ? Math.max(b.rounds, 100)
                : b.sequential ? Math.max(b.rounds, SEQUENTIAL_MAX_ROUNDS) : b.rounds);
        this.maxTime = b.maxTime;
        this.sequential = b.sequential;
        this.warmed = b.warmEvery ? Optional.of(b.workloads.stream().map(Workload::id).toList()) : b.warmed;
        this.held = b.held;
        this.seed = b.seed;
        this.unit = b.unit;
        this.suiteName = b.suiteName;
        this.scale = b.scale;
        this.pinning = b.pinning;
        this.image = b.image;
        this.shard = b.shard;
        this.givenOut = b.out;
        this.out = b.shard.map(s -> s.outputOf(b.out)).orElse(b.out);
        // every fork of this experiment logs its runs beside the CSV
        this.guest = b.guest.withRunLog(besideOut(".runs.jsonl"));
    }

    /** The most rounds sequential rounds add up to, unless {@code --max-rounds} says otherwise. */
    public static final int SEQUENTIAL_MAX_ROUNDS = 4;

    public static ExperimentBuilder builder(GuestSettings guest) {
        return new ExperimentBuilder(guest);
    }

    public List<String> kernels() {
        return kernels;
    }

    public List<Workload> workloads() {
        return workloads;
    }

    public int rounds() {
        return rounds;
    }

    public int runs() {
        return runs;
    }

    public int warmups() {
        return warmups;
    }

    public Accel accel() {
        return accel;
    }

    public int memoryMib() {
        return memoryMib;
    }

    public Optional<CpuPinning> pinning() {
        return pinning;
    }

    /** How the kernels are ordered within each round. */
    public RunOrder order() {
        return order;
    }

    /** How the comparisons become verdicts: the correction for multiplicity and the threshold that matters. */
    public Criteria criteria() {
        return criteria;
    }

    /** A seed for an experiment given none: drawn afresh each time, small enough to retype. */
    public static long drawSeed() {
        return ThreadLocalRandom.current().nextLong(1_000_000_000L);
    }

    /** What the order was drawn from: the same seed gives the same order. */
    public long seed() {
        return seed;
    }

    /** Which kernel runs when, in every round that may run. */
    public OrderDesign design() {
        return OrderDesign.of(order, kernels.size(), maxRounds, seed);
    }

    /**
     * With a precision, rounds are added past {@link #rounds()} (a balanced block at a time) until
     * every comparison's 95 % interval is at most this wide on each side, in percent.
     */
    public Optional<Double> precisionPercent() {
        return precisionPercent;
    }

    /** The most rounds a precision may add up to; {@link #rounds()} without one. */
    public int maxRounds() {
        return maxRounds;
    }

    /** No round starts after this much time, when a precision adds rounds. */
    public Optional<Duration> maxTime() {
        return maxTime;
    }

    /** Whether rounds past {@link #rounds()} run only the workloads still undecided ({@link PrecisionStop}). */
    public boolean sequential() {
        return sequential;
    }

    /**
     * The looks a sequential experiment may take at its data: one before each block of rounds past
     * {@link #rounds()} (as many rounds as shards run at once, which see the same rounds before
     * them), and its end.
     */
    public int looks() {
        int atOnce = shard.map(Shard::count).orElse(1);
        return 1 + (maxRounds - rounds + atOnce - 1) / atOnce;
    }

    /** The first round of the block {@code round} is in: a look before {@code round} sees every round before that one. */
    public int lookFrom(int round) {
        int atOnce = shard.map(Shard::count).orElse(1);
        return round < rounds ? round : rounds + (round - rounds) / atOnce * atOnce;
    }

    /** The workloads that get {@link #warmups()} warm-up runs in each VM under {@code accel}: as recorded, else as {@link WorkloadTable#WARM_UPS} says. */
    public List<String> warmedUnder(Accel accel) {
        return warmed.orElseGet(() -> WorkloadTable.shipped(WorkloadTable.WARM_UPS).needing(accel, workloads));
    }

    /**
     * The workloads a sequential experiment under {@code accel} does not decide before {@link
     * #maxRounds()} (their rounds jump between modes, or were never measured): as recorded, else as
     * {@link WorkloadTable#ROUND_MODES} says; none when the experiment is not sequential.
     */
    public List<String> heldUnder(Accel accel) {
        if (!sequential) {
            return List.of();
        }
        return held.orElseGet(() -> WorkloadTable.shipped(WorkloadTable.ROUND_MODES).needing(accel, workloads));
    }

    /** The user's disk image to boot from over SSH, or empty for kbench's initramfs guest. */
    public Optional<Path> image() {
        return image;
    }

    /** How every VM is made and reached; its run log is {@code OUT.runs.jsonl}. */
    public GuestSettings guest() {
        return guest;
    }

    /** lsm-perf's CSV; the JMH JSON, run log and comparison table go beside it. A shard's is in its own folder. */
    public Path out() {
        return out;
    }

    /** The output as {@code -o} gave it: a shard's is {@link #out()}'s folder's sibling, where the merge writes. */
    public Path givenOut() {
        return givenOut;
    }

    /** The part of the experiment this host runs, or empty for all of it. */
    public Optional<Shard> shard() {
        return shard;
    }

    /** How many rounds this run plans to measure: a shard's, else {@link #rounds()} (a precision may add more). */
    public int plannedRounds() {
        return shard.isPresent() ? (int) roundsToRun().stream().filter(round -> round < rounds).count() : rounds;
    }

    /** The rounds this run measures (of the experiment's numbering): a shard's, else every round that may run. */
    public List<Integer> roundsToRun() {
        if (shard.isPresent()) {
            return shard.get().dealt(sequential, rounds, maxRounds, OrderDesign.blockSize(order, kernels.size()));
        }
        return java.util.stream.IntStream.range(0, maxRounds).boxed().toList();
    }

    /** Several workloads, run in turn on each boot by {@code SuiteBenchmark}. */
    public boolean suite() {
        return workloads.size() > 1;
    }

    /** The unit the user gave ({@code --unit}) for each of the workloads that is a program of theirs. */
    public Map<String, String> units() {
        Map<String, String> units = new LinkedHashMap<>();
        unit.ifPresent(u -> workloads.stream().filter(w -> w instanceof Workload.Program).forEach(w -> units.put(w.id(), u)));
        return units;
    }

    /** How many operations built-in workloads run (their defaults times a factor, or counts that follow the accelerator). */
    public WorkloadScale scale() {
        return scale;
    }

    /** The suite's name for the merged JSON's labels, when the user gave one. */
    public Optional<String> suiteName() {
        return suiteName;
    }

    /** {@code lsm-perf.csv} gives {@code lsm-perf.json}, {@code lsm-perf.runs.jsonl}, ... */
    public Path besideOut(String suffix) {
        return besideOut(out, suffix);
    }

    /** What {@link #besideOut(String)} gives for an experiment whose output is {@code out}. */
    public static Path besideOut(Path out, String suffix) {
        String name = out.getFileName().toString();
        String base = name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        return out.toAbsolutePath().resolveSibling(base + suffix);
    }
}
