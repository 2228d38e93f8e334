package dev.kbench.results;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * Compares kernels with the first as the baseline. Runs of one VM are not independent samples
 * (between-boot variance is large), so the confidence interval and the test use the round
 * means, one per fresh VM: Welch's t-test on those against the baseline's. JMH's own
 * {@code scoreError} treats every iteration as independent and is not used. It computes rows
 * only: {@code results.format} renders them for the console, Markdown and the HTML page.
 */
public final class Comparison {

    /** The significance level of the t-test. */
    public static final double ALPHA = 0.05;

    /**
     * One kernel's line of the table.
     *
     * @param roundMean the mean of the round means, the centre of the confidence interval
     * @param ciLow the 95% confidence interval of the round means, low end (NaN with one round)
     * @param deltaPercent the mean against the baseline's, in percent (0 for the baseline)
     * @param pValue Welch's two-sided p-value on round means (NaN for the baseline or under two rounds a side)
     */
    public record Row(String kernel, int rounds, long runs, double mean, double stdev, double cv, double roundMean,
            double ciLow, double ciHigh, double deltaPercent, double pValue) {

        public boolean tested() {
            return !Double.isNaN(pValue);
        }

        public boolean significant() {
            return tested() && pValue < ALPHA;
        }
    }

    private Comparison() {
    }

    public static List<Row> of(List<KernelRounds> kernels) {
        if (kernels.isEmpty()) {
            throw new IllegalArgumentException("nothing to compare: no kernel has a measured run");
        }
        double[] baselineMeans = roundMeans(kernels.get(0));
        double baselineMean = allRuns(kernels.get(0)).getMean();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < kernels.size(); i++) {
            KernelRounds kernel = kernels.get(i);
            SummaryStatistics all = allRuns(kernel);
            double[] means = roundMeans(kernel);
            SummaryStatistics rounds = new SummaryStatistics();
            for (double m : means) {
                rounds.addValue(m);
            }
            double halfWidth = Double.NaN;
            if (means.length >= 2) {
                double t = new TDistribution(means.length - 1).inverseCumulativeProbability(0.975);
                halfWidth = t * rounds.getStandardDeviation() / Math.sqrt(means.length);
            }
            double p = Double.NaN;
            if (i > 0 && means.length >= 2 && baselineMeans.length >= 2) {
                p = new TTest().tTest(means, baselineMeans);
            }
            rows.add(new Row(kernel.kernel(), means.length, all.getN(), all.getMean(), all.getStandardDeviation(),
                    all.getStandardDeviation() / all.getMean(), rounds.getMean(), rounds.getMean() - halfWidth,
                    rounds.getMean() + halfWidth, i == 0 ? 0 : (all.getMean() / baselineMean - 1) * 100, p));
        }
        return rows;
    }

    private static SummaryStatistics allRuns(KernelRounds kernel) {
        SummaryStatistics all = new SummaryStatistics();
        kernel.rounds().forEach(round -> round.forEach(all::addValue));
        return all;
    }

    public static double[] roundMeans(KernelRounds kernel) {
        return kernel.rounds().stream().filter(r -> !r.isEmpty())
                .mapToDouble(r -> r.stream().mapToLong(Long::longValue).average().orElseThrow()).toArray();
    }
}
