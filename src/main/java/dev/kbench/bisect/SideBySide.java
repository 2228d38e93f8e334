package dev.kbench.bisect;

import dev.kbench.guest.Workload;
import dev.kbench.kernel.Variants;
import dev.kbench.plan.GuestSettings;
import dev.kbench.results.Criteria;
import dev.kbench.results.KernelRounds;
import dev.kbench.run.Experiment;
import dev.kbench.run.InterleavedRun;
import dev.kbench.vm.Accel;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Kernels measured side by side as {@code kbench run} measures them: one experiment, rounds of
 * fresh VMs in balanced order, into a folder of its own (its CSV, JMH JSON, run log, comparison
 * and plot), its console output in {@code run.log} there. Under TCG and KVM, while a comparison's
 * interval is wider than half the threshold, it adds balanced blocks of rounds up to a limit, as
 * {@code kbench run --precision} does; not under icount, where two rounds give intervals of
 * hundredths of a percent and a block of three kernels' balanced order is six rounds:
 * {@link #withMostRounds} measures an undecided step again instead.
 *
 * @param rounds rounds per kernel to start with
 * @param runs measured runs per round
 * @param warmups unmeasured runs per round
 * @param maxRounds the most rounds per kernel
 */
record SideBySide(GuestSettings guest, List<Workload> workloads, Accel accel, Criteria criteria, int rounds, int runs, int warmups,
        int maxRounds, int memoryMib) {

    /** Rounds per kernel under icount, where a run repeats to within 0.01 %: two, the fewest an interval has. */
    static final int ICOUNT_ROUNDS = 2;
    /** Rounds per kernel under TCG and KVM until the ends' spread says how many: the demo's. */
    static final int TIMED_ROUNDS = 5;
    private static final int ICOUNT_MAX_ROUNDS = 6;
    private static final int TIMED_RUNS = 10;
    private static final int TIMED_WARMUPS = 2;
    static final int TIMED_MAX_ROUNDS = 30;
    private static final int MEMORY_MIB = 512;

    /**
     * The sizes a bisection measures with: under icount one run a round and no warm-up (a run repeats,
     * the rounds carry the comparison) and at most 6 rounds; under TCG and KVM the demo's 10 runs after
     * 2 warm-ups and at most 30 rounds.
     */
    static SideBySide of(GuestSettings guest, List<Workload> workloads, Accel accel, Criteria criteria, int rounds) {
        boolean icount = accel == Accel.ICOUNT;
        return new SideBySide(guest, workloads, accel, criteria, rounds, icount ? 1 : TIMED_RUNS, icount ? 0 : TIMED_WARMUPS,
                icount ? ICOUNT_MAX_ROUNDS : TIMED_MAX_ROUNDS, MEMORY_MIB);
    }

    /** Rounds to start with when none were planned: icount's 2, else the demo's 5. */
    static int firstRounds(Accel accel) {
        return accel == Accel.ICOUNT ? ICOUNT_ROUNDS : TIMED_ROUNDS;
    }

    /** The same measurement with the most rounds from the start: for a step the first measurement left undecided. */
    SideBySide withMostRounds() {
        return new SideBySide(guest, workloads, accel, criteria, maxRounds, runs, warmups, maxRounds, memoryMib);
    }

    int runsPerRound() {
        return runs;
    }

    /** What one measurement gave: per workload, each kernel's rounds; or the failure that stopped it. */
    record Measured(Map<String, List<KernelRounds>> byWorkload, Accel accel, Optional<String> failure, Duration took, Path folder) {

        boolean complete() {
            return failure.isEmpty();
        }
    }

    /** {@code kernels}: name → image, the first the experiment's baseline. */
    Measured measure(Map<String, Path> kernels, Path folder, PrintStream progress) throws IOException {
        Files.createDirectories(folder);
        String variants = kernels.entrySet().stream().map(e -> e.getKey() + " = " + e.getValue()).collect(Collectors.joining("\n")) + "\n";
        Files.writeString(folder.resolve("variants.conf"), variants, StandardCharsets.UTF_8);
        boolean precise = criteria.thresholdPercent() > 0 && accel != Accel.ICOUNT;
        GuestSettings withKernels = guest.withKernels(guest.kernels().withVariants(Variants.of(variants)));
        Experiment experiment = Experiment.builder(withKernels).kernels(List.copyOf(kernels.keySet())).workloads(workloads)
                .rounds(rounds).runs(runs).warmups(warmups).accel(accel).criteria(criteria).memoryMib(memoryMib)
                .precision(precise ? Optional.of(criteria.thresholdPercent() / 2) : Optional.empty())
                // without a precision to reach, a limit past --rounds would be run to the end
                .maxRounds(precise ? Optional.of(Math.max(rounds, maxRounds)) : Optional.empty()).out(folder.resolve("measure.csv")).build();
        long start = System.nanoTime();
        try (OutputStream file = Files.newOutputStream(folder.resolve("run.log"));
                PrintStream log = new PrintStream(new RoundLines(file, progress), true, StandardCharsets.UTF_8)) {
            InterleavedRun.Outcome outcome = new InterleavedRun(experiment, log, false).execute();
            return new Measured(outcome.measured(), outcome.accel(), outcome.failure(), Duration.ofNanos(System.nanoTime() - start), folder);
        }
    }
}
