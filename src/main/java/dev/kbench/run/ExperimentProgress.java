package dev.kbench.run;

import dev.kbench.jmh.QuietOutput;
import dev.kbench.results.JmhResults;
import dev.kbench.results.format.Durations;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.runner.IterationType;

/**
 * Shows a run's progress the way lsm-perf does ("Starting round R", then per kernel a live
 * percentage and {@code average=..., stdev=...}), plus an ETA, in place of JMH's own report.
 * On a terminal the percentage updates in place; elsewhere (a pipe, a log file, CI) only whole
 * lines are printed, with no carriage returns.
 */
final class ExperimentProgress extends QuietOutput {

    private final PrintStream out;
    private final boolean terminal;
    private final int iterationsPerRound;
    private final int units;
    private final int plannedRounds;
    private final int maxRounds;
    private final boolean sequential;
    /** A suite's iterations are passes over every workload: its live figure is the pass time in ms. */
    private final boolean suite;
    private final long start = System.nanoTime();
    private final Set<String> kbenchLines = new LinkedHashSet<>();
    private final StringBuilder forkOutput = new StringBuilder();
    private final List<String> failureLines = new ArrayList<>();
    private int unitsDone;
    private String kernel;
    private SummaryStatistics measured;

    /** @param kept how many kernels' rounds a resumed experiment measured before: they take no time now */
    ExperimentProgress(PrintStream out, boolean terminal, Experiment experiment, int kept) {
        this.out = out;
        this.terminal = terminal;
        this.iterationsPerRound = experiment.warmups() + experiment.runs();
        this.units = experiment.plannedRounds() * experiment.kernels().size() - kept;
        this.plannedRounds = experiment.plannedRounds();
        this.maxRounds = experiment.maxRounds();
        this.sequential = experiment.sequential();
        this.suite = experiment.suite();
    }

    void startRound(int round) {
        out.println("Starting round " + round + (unitsDone == 0 ? "" : " (" + eta() + ")"));
    }

    void startKernel(String name) {
        kernel = name;
        measured = new SummaryStatistics();
        failureLines.clear();
        if (terminal) {
            out.print("\tEvaluating " + kernel + ": 0%");
            out.flush();
        }
    }

    /** Ends the kernel's line with its statistics; returns them as lsm-perf prints them. */
    String endKernel() {
        unitsDone++;
        String line = String.format("\tEvaluating %s: 100%% %saverage=%.0f, stdev=%.0f%s", kernel, suite ? "pass time " : "",
                measured.getMean(), measured.getStandardDeviation(), suite ? " ms" : "");
        out.println(terminal ? "\r" + line + "  (" + eta() + ")   " : line);
        return line;
    }

    /** A kernel's round measured before the interruption of a resumed experiment. */
    void keptKernel(String name) {
        out.println("\tEvaluating " + name + ": kept from before the interruption");
    }

    void failKernel() {
        out.println((terminal ? "\r" : "") + "\tEvaluating " + kernel + ": failed");
    }

    /** What the fork printed that explains a failure (JMH reports a fork's exception as text). */
    List<String> failureLines() {
        return List.copyOf(failureLines);
    }

    String eta() {
        if (unitsDone == 0) {
            return "ETA unknown";
        }
        if (unitsDone >= units) {
            // --precision adds rounds past the planned ones while an interval is too wide: how many is not known yet
            return "past the " + plannedRounds + " planned round" + (plannedRounds == 1 ? "" : "s") + ", adding rounds "
                    + (sequential ? "for the undecided workloads" : "for precision")
                    + ", at most " + maxRounds;
        }
        long perUnit = (System.nanoTime() - start) / unitsDone;
        return "ETA " + Durations.human(Duration.ofNanos(perUnit * (units - unitsDone)));
    }

    @Override
    public void iterationResult(BenchmarkParams benchmark, IterationParams params, int iteration, IterationResult data) {
        Result<?> value = suite ? data.getPrimaryResult() : data.getSecondaryResults().get(JmhResults.WORKLOAD_METRIC);
        if (params.getType() == IterationType.MEASUREMENT && value != null) {
            measured.addValue(value.getScore());
        }
        int done = (params.getType() == IterationType.WARMUP ? 0 : benchmark.getWarmup().getCount()) + iteration;
        if (terminal) {
            out.print("\r\tEvaluating " + kernel + ": " + (100 * done / iterationsPerRound) + "%");
            out.flush();
        } else if (suite) {
            // a pass over a suite takes long enough that a log should see each one
            out.printf("\tEvaluating %s: pass %d/%d (%s) in %.1f s%n", kernel, done, iterationsPerRound,
                    params.getType() == IterationType.WARMUP ? "warm-up" : "measured", data.getPrimaryResult().getScore() / 1000);
        }
    }

    /** Fork output arrives here in pieces; kbench's own lines are shown once each, the rest kept for errors. */
    @Override
    protected synchronized void forkText(String text) {
        forkOutput.append(text);
        int newline;
        while ((newline = forkOutput.indexOf("\n")) >= 0) {
            String line = forkOutput.substring(0, newline).strip();
            forkOutput.delete(0, newline + 1);
            if (line.startsWith("kbench: warning") && kbenchLines.add(line)) {
                out.println((terminal ? "\r" : "") + line);
            } else if (!line.isEmpty()) {
                failureLines.add(line);
            }
        }
    }

    @Override
    public void flush() {
        out.flush();
    }

    @Override
    public void close() {
        out.flush();
    }
}
