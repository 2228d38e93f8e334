package dev.kbench.results;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/** Mean and spread of one kernel's runs, and how it compares with a baseline kernel. */
public record KernelSummary(String kernel, long rounds, long runs, double mean, double stdev) {

    public static KernelSummary of(KernelRounds kernel) {
        SummaryStatistics all = new SummaryStatistics();
        kernel.rounds().forEach(round -> round.forEach(all::addValue));
        return new KernelSummary(kernel.kernel(), kernel.rounds().size(), all.getN(), all.getMean(), all.getStandardDeviation());
    }

    public static List<KernelSummary> of(List<KernelRounds> kernels) {
        List<KernelSummary> summaries = new ArrayList<>();
        kernels.forEach(k -> summaries.add(of(k)));
        return summaries;
    }

    /** This kernel's mean relative to {@code baseline}'s, in percent (+ is slower when the unit is time). */
    public double deltaPercent(KernelSummary baseline) {
        return (mean / baseline.mean - 1) * 100;
    }

    /** A plain-text table, the first kernel being the baseline. */
    public static String table(List<KernelSummary> summaries) {
        StringBuilder out = new StringBuilder(String.format("%-24s %6s %5s %14s %12s %9s%n", "kernel", "rounds", "runs", "mean", "stdev", "vs first"));
        KernelSummary baseline = summaries.get(0);
        for (KernelSummary s : summaries) {
            String delta = s == baseline ? "baseline" : String.format("%+.1f%%", s.deltaPercent(baseline));
            out.append(String.format("%-24s %6d %5d %14.1f %12.1f %9s%n", s.kernel, s.rounds, s.runs, s.mean, s.stdev, delta));
        }
        return out.toString();
    }
}
