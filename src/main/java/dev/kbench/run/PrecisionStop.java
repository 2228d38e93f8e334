package dev.kbench.run;

import dev.kbench.guest.Workload;
import dev.kbench.results.Analysis;
import dev.kbench.results.Comparison;
import dev.kbench.results.Criteria;
import dev.kbench.results.Effect;
import dev.kbench.results.KernelRounds;
import dev.kbench.results.Numbers;
import dev.kbench.results.Overhead;
import dev.kbench.results.Verdict;
import dev.kbench.results.WorkloadResults;
import dev.kbench.vm.Accel;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Decides, between rounds, whether an experiment with a precision has its answer ({@code
 * kbench run --precision}), and says in one line why it stopped: the precision, --max-time or
 * --max-rounds. Stopping on the interval's width, not on significance, keeps the interval
 * honest: the width does not depend on where the estimate falls.
 *
 * <p>In a sequential experiment ({@code --sequential}) it decides per workload instead: past
 * {@code --rounds}, a round runs only the workloads some comparison of which is still undecided.
 * A comparison is decided at a look when its verdict is slower, faster or same with the interval
 * at the level {@code 1 - 0.05 / K} and the q-value times K, K being the looks the experiment may
 * take ({@link Experiment#looks()}): Bonferroni over the looks, so that stopping early
 * adds at most 5 % to a verdict's error however the looks fall; the verdicts printed at the end are
 * the usual ones at 95 %, which a decision at the stricter level implies. A workload whose rounds
 * jump between modes ({@link Experiment#heldUnder}) is not decided before the last look: two of
 * its rounds may agree closely on a value that is not their kernel's usual one.
 */
final class PrecisionStop {

    private final Experiment experiment;
    private final List<String> held;
    private final PrintStream out;
    private final long started = System.nanoTime();

    PrecisionStop(Experiment experiment, Accel accel, PrintStream out) {
        this.experiment = experiment;
        this.held = experiment.heldUnder(accel);
        this.out = out;
    }

    /** Whether the rounds so far (per workload, per kernel) answer every comparison, or a limit says to stop; says which. */
    boolean reached(Map<String, List<KernelRounds>> rounds, int done) {
        if (experiment.precisionPercent().isEmpty()) {
            return true;
        }
        double widest = widestHalfWidth(rounds);
        double wanted = experiment.precisionPercent().get();
        if (widest <= wanted) {
            out.println(reachedLine(done, widest));
            return true;
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        if (experiment.maxTime().isPresent() && elapsed.compareTo(experiment.maxTime().get()) >= 0) {
            out.println(String.format(Locale.ROOT, "kbench: --max-time reached after %d rounds; the widest 95%% CI is ±%s %%,"
                    + " not ±%s %%", done, Numbers.percentDigits(widest, 2), Numbers.asWritten(wanted)));
            return true;
        }
        return false;
    }

    /**
     * A sequential experiment's look before a block of rounds past {@code --rounds}: which kernels'
     * VMs run which workloads next, given every round before the block. A comparison still
     * undecided keeps its workload on its kernel and on the baseline; a kernel with none has no VM.
     * Empty when every comparison is decided or --max-time is reached (says which).
     */
    Map<String, List<Workload>> undecided(Map<String, List<KernelRounds>> rounds, int done) {
        int looks = experiment.looks();
        List<String> kernels = experiment.kernels();
        Map<String, Set<String>> open = new HashMap<>();
        for (Workload workload : experiment.workloads()) {
            if (!rounds.containsKey(workload.id()) || rounds.get(workload.id()).size() < kernels.size()) {
                open.put(workload.id(), new HashSet<>(kernels));
            }
        }
        int comparisons = 0;
        for (Comparison comparison : analysis(rounds).comparisons()) {
            for (Comparison.Row row : comparison.rows()) {
                if (row.effect().isPresent() && (held.contains(comparison.workload())
                        || !decided(row.effect().get(), looks, experiment.criteria().thresholdPercent()))) {
                    open.computeIfAbsent(comparison.workload(), w -> new HashSet<>()).addAll(List.of(kernels.get(0), row.kernel()));
                    comparisons++;
                }
            }
        }
        Map<String, List<Workload>> next = new LinkedHashMap<>();
        for (String kernel : kernels) {
            List<Workload> its = experiment.workloads().stream().filter(w -> open.getOrDefault(w.id(), Set.of()).contains(kernel)).toList();
            if (!its.isEmpty()) {
                next.put(kernel, its);
            }
        }
        if (next.isEmpty()) {
            out.println("kbench: every comparison decided after " + done + " rounds (sequential: each at the level 1 - 0.05/" + looks
                    + " for its " + looks + " possible looks)");
            return next;
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        if (experiment.maxTime().isPresent() && elapsed.compareTo(experiment.maxTime().get()) >= 0) {
            out.println("kbench: --max-time reached after " + done + " rounds; " + open.size() + " workloads still undecided");
            return Map.of();
        }
        out.println("kbench: after " + done + " rounds " + open.size() + (open.size() == 1 ? " workload is" : " workloads are") + " still undecided ("
                + comparisons + " of " + (kernels.size() - 1) * experiment.workloads().size() + " comparisons" + heldNote(open.keySet())
                + "); the next round runs " + (open.size() == 1 ? "it" : "them") + " on " + next.size() + " of " + kernels.size() + " kernels");
        return next;
    }

    /** Which of the open workloads wait for --max-rounds whatever their intervals say, and why, or nothing. */
    private String heldNote(Set<String> open) {
        List<String> waiting = held.stream().filter(open::contains).toList();
        return waiting.isEmpty() ? "" : "; held to --max-rounds: " + String.join(", ", waiting) + ", whose rounds jump between modes"
                + " or were never measured, docs/statistics.md";
    }

    /** Whether a comparison's verdict is decided at one of {@code looks} looks: at the level 1 - 0.05/looks, its q times looks. */
    static boolean decided(Effect effect, int looks, double thresholdPercent) {
        Overhead strict = effect.overhead().atLevel(1 - Criteria.ALPHA / looks);
        return Verdict.of(strict, Math.min(1, effect.qValue() * looks), thresholdPercent) != Verdict.INCONCLUSIVE;
    }

    /** After the last round that could run: whether the precision was reached, or --max-rounds stopped it. */
    void sayAfterLastRound(Map<String, List<KernelRounds>> rounds) {
        if (experiment.sequential() && experiment.maxRounds() > experiment.rounds()) {
            out.println("kbench: --max-rounds " + experiment.maxRounds() + " reached (sequential): a comparison still undecided stays inconclusive");
            return;
        }
        if (experiment.precisionPercent().isEmpty()) {
            return;
        }
        double widest = widestHalfWidth(rounds);
        out.println(widest <= experiment.precisionPercent().get() ? reachedLine(experiment.maxRounds(), widest)
                : String.format(Locale.ROOT, "kbench: --max-rounds %d reached; the widest 95%% CI is ±%s %%, not ±%s %%",
                        experiment.maxRounds(), Numbers.percentDigits(widest, 2), Numbers.asWritten(experiment.precisionPercent().get())));
    }

    private String reachedLine(int done, double widest) {
        return String.format(Locale.ROOT, "kbench: precision reached after %d rounds: every comparison's 95%% CI within ±%s %% (asked ±%s %%)",
                done, Numbers.percentDigits(widest, 2), Numbers.asWritten(experiment.precisionPercent().get()));
    }

    /** The largest half-width, in percent, of any comparison's 95 % CI against its baseline; infinite while one cannot be computed. */
    private double widestHalfWidth(Map<String, List<KernelRounds>> rounds) {
        double widest = 0;
        for (Comparison comparison : analysis(rounds).comparisons()) {
            for (Comparison.Row row : comparison.rows()) {
                if (row.effect().isPresent()) {
                    Overhead overhead = row.effect().get().overhead();
                    double half = (overhead.ciHigh() - overhead.ciLow()) / 2;
                    widest = Math.max(widest, Double.isNaN(half) ? Double.POSITIVE_INFINITY : half);
                }
            }
        }
        return widest;
    }

    /** The rounds so far analysed as the experiment's result will be: every comparison, its q-value and verdict. */
    private Analysis analysis(Map<String, List<KernelRounds>> rounds) {
        List<WorkloadResults> workloads = new ArrayList<>();
        rounds.forEach((workload, kernels) -> workloads.add(new WorkloadResults(workload, kernels)));
        return Analysis.of(workloads, experiment.criteria());
    }
}
