package dev.kbench.results;

import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * A kernel's overhead against the baseline, in percent of the baseline's mean of round means,
 * with the 95% confidence interval of that difference. As in {@link Comparison}, the samples
 * are the round means (one per fresh VM), and the two kernels may differ in variance and in
 * number of rounds, so the interval is Welch's: the difference of the means
 * {@code ± t(0.975, df) * sqrt(s1²/n1 + s2²/n2)} with the Welch–Satterthwaite degrees of freedom.
 * Dividing by the baseline's mean treats it as exact, the usual simplification for a
 * percentage; the interval is meant to show spread, not to replace the t-test's p-value.
 *
 * @param percent the difference of the means of round means, in percent of the baseline's
 * @param ciLow low end of the 95% confidence interval, in percent (NaN under two rounds a side)
 * @param ciHigh high end, in percent (NaN under two rounds a side)
 * @param welchDf the Welch–Satterthwaite degrees of freedom (NaN when they are undefined)
 */
public record Overhead(String kernel, double percent, double ciLow, double ciHigh, double welchDf) {

    /** The confidence level of the interval. */
    public static final double LEVEL = 0.95;

    public boolean hasInterval() {
        return !Double.isNaN(ciLow);
    }

    /** The interval excludes 0: the same verdict as Welch's test at p < 0.05, whose interval it is. */
    public boolean significant() {
        return hasInterval() && (ciLow > 0 || ciHigh < 0);
    }

    /** The overhead of every kernel but the first against the first, the baseline: a report's table and a row of the overview. */
    public static List<Overhead> againstFirst(List<KernelRounds> kernels) {
        return kernels.stream().skip(1).map(kernel -> of(kernels.get(0), kernel)).toList();
    }

    /** {@code kernel}'s overhead against {@code baseline}, from their round means. */
    public static Overhead of(KernelRounds baseline, KernelRounds kernel) {
        return of(kernel.kernel(), Comparison.roundMeans(baseline), Comparison.roundMeans(kernel));
    }

    static Overhead of(String kernel, double[] baseline, double[] other) {
        double baseMean = mean(baseline);
        double difference = mean(other) - baseMean;
        double percent = difference / baseMean * 100;
        if (baseline.length < 2 || other.length < 2) {
            return new Overhead(kernel, percent, Double.NaN, Double.NaN, Double.NaN);
        }
        double baseTerm = variance(baseline) / baseline.length;
        double otherTerm = variance(other) / other.length;
        double standardError = Math.sqrt(baseTerm + otherTerm);
        if (standardError == 0) {
            // every round of both kernels printed the same value: no spread to widen the interval
            return new Overhead(kernel, percent, percent, percent, Double.NaN);
        }
        double df = (baseTerm + otherTerm) * (baseTerm + otherTerm)
                / (baseTerm * baseTerm / (baseline.length - 1) + otherTerm * otherTerm / (other.length - 1));
        double halfWidth = new TDistribution(df).inverseCumulativeProbability(1 - (1 - LEVEL) / 2) * standardError;
        return new Overhead(kernel, percent, (difference - halfWidth) / baseMean * 100, (difference + halfWidth) / baseMean * 100, df);
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** The sample variance (n - 1 in the denominator). */
    private static double variance(double[] values) {
        double mean = mean(values);
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return squares / (values.length - 1);
    }
}
