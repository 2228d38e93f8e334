package dev.kbench.run;

import dev.kbench.results.Analysis;
import dev.kbench.results.Comparison;
import dev.kbench.results.KernelRounds;
import dev.kbench.results.Numbers;
import dev.kbench.results.Overhead;
import dev.kbench.results.WorkloadResults;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decides, between rounds, whether an experiment with a precision has its answer ({@code
 * kbench run --precision}), and says in one line why it stopped: the precision, --max-time or
 * --max-rounds. Stopping on the interval's width, not on significance, keeps the interval
 * honest: the width does not depend on where the estimate falls.
 */
final class PrecisionStop {

    private final Experiment experiment;
    private final PrintStream out;
    private final long started = System.nanoTime();

    PrecisionStop(Experiment experiment, PrintStream out) {
        this.experiment = experiment;
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

    /** After the last round that could run: whether the precision was reached, or --max-rounds stopped it. */
    void sayAfterLastRound(Map<String, List<KernelRounds>> rounds) {
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
        List<WorkloadResults> workloads = new ArrayList<>();
        rounds.forEach((workload, kernels) -> workloads.add(new WorkloadResults(workload, kernels)));
        double widest = 0;
        for (Comparison comparison : Analysis.of(workloads, experiment.criteria()).comparisons()) {
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
}
