package dev.kbench.results;

import static dev.kbench.results.LogScale.logs;
import static dev.kbench.results.LogScale.mean;
import static dev.kbench.results.LogScale.positive;
import static dev.kbench.results.LogScale.variance;

import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * A kernel's effect against the baseline as a ratio, with its 95% confidence interval and
 * p-value, from one test on the logarithms of the round means, Welch's t-test here. The samples are
 * the round means, one per fresh VM (the runs of one VM are not independent), and the two kernels
 * may differ in variance and in number of rounds, hence Welch with the Welch–Satterthwaite
 * degrees of freedom.
 *
 * <p>The point estimate is the ratio of the geometric means of the round means, in percent:
 * {@code (exp(mean(log b) - mean(log a)) - 1) * 100}. The interval is Welch's interval of the
 * difference of the log means, {@code ± t(0.975, df) * sqrt(s²(log a)/na + s²(log b)/nb)},
 * exponentiated the same way: it accounts for the baseline's uncertainty as much as the
 * kernel's, is asymmetric around the estimate, and never reaches -100 %, as no time can.
 *
 * <p>When the rounds ran on several hosts (both kernels say which, and there was more than one),
 * hosts are blocks: the difference is estimated within each host and combined, by
 * {@link HostBlockedWelch}; the fields mean the same, df being that test's Satterthwaite degrees
 * of freedom. When a workload's spread is pooled over its kernels ({@link KernelTest#POOLED}), the
 * difference is the same and its variance the pooled one, by {@link PooledVariance}.
 *
 * @param percent the ratio of the geometric means of round means, minus 1, in percent (NaN when
 *                a round mean is not positive: a ratio of logarithms needs positive values)
 * @param ciLow low end of the 95% confidence interval, in percent (NaN under two rounds a side)
 * @param ciHigh high end, in percent (NaN under two rounds a side)
 * @param df the test's degrees of freedom: Welch–Satterthwaite's, or the pooled variance's (NaN when they are undefined: no spread)
 * @param pValue the test's two-sided p-value on the logs (NaN under two rounds a side); with no spread
 *               at all it is the limit: 1 when the kernels printed the same values, else 0
 */
public record Overhead(String kernel, double percent, double ciLow, double ciHigh, double df, double pValue) {

    /** The confidence level of the interval. */
    public static final double LEVEL = 0.95;

    /**
     * Below this many degrees of freedom a reader is warned: with 3 rounds a side Welch's df are
     * at most 4, and so few round means cannot show whether they are near enough normal for the
     * t interval, though A/A comparisons resampled from real rounds kept its false-positive rate
     * (docs/statistics.md).
     */
    public static final double FEW_DEGREES_OF_FREEDOM = 4;

    public boolean hasInterval() {
        return !Double.isNaN(ciLow);
    }

    public boolean tested() {
        return !Double.isNaN(pValue);
    }

    /** Whether the interval and p rest on fewer than {@link #FEW_DEGREES_OF_FREEDOM} (none when there was no spread to test). */
    public boolean fewDegreesOfFreedom() {
        return df < FEW_DEGREES_OF_FREEDOM;
    }

    /**
     * The same test's interval at another confidence level, e.g. {@code 1 - 0.05 / K} for a decision
     * taken at any of K looks at the data; the estimate, df and p are unchanged. An interval of no
     * spread (no df) stays the point it is.
     */
    public Overhead atLevel(double level) {
        if (!hasInterval() || Double.isNaN(df)) {
            return this;
        }
        TDistribution t = new TDistribution(df);
        double widen = t.inverseCumulativeProbability(1 - (1 - level) / 2) / t.inverseCumulativeProbability(1 - (1 - LEVEL) / 2);
        double low = Math.log1p(ciLow / 100);
        double high = Math.log1p(ciHigh / 100);
        double center = (low + high) / 2;
        double half = (high - low) / 2 * widen;
        return new Overhead(kernel, percent, LogScale.percent(center - half), LogScale.percent(center + half), df, pValue);
    }

    /** The overhead of every kernel but the first against the first, the baseline. */
    public static List<Overhead> againstFirst(List<KernelRounds> kernels) {
        return kernels.stream().skip(1).map(kernel -> of(kernels.get(0), kernel)).toList();
    }

    /** {@code kernel}'s overhead against {@code baseline}, from their round means. */
    public static Overhead of(KernelRounds baseline, KernelRounds kernel) {
        if (HostBlockedWelch.applies(baseline, kernel)) {
            return HostBlockedWelch.of(baseline, kernel);
        }
        return of(kernel.kernel(), Comparison.roundMeans(baseline), Comparison.roundMeans(kernel));
    }

    static Overhead of(String kernel, double[] baseline, double[] other) {
        if (!positive(baseline) || !positive(other)) {
            return undefined(kernel);
        }
        double[] logBase = logs(baseline);
        double[] logOther = logs(other);
        double difference = mean(logOther) - mean(logBase);
        if (baseline.length < 2 || other.length < 2) {
            return untested(kernel, difference);
        }
        double baseTerm = variance(logBase) / baseline.length;
        double otherTerm = variance(logOther) / other.length;
        double df = (baseTerm + otherTerm) * (baseTerm + otherTerm)
                / (baseTerm * baseTerm / (baseline.length - 1) + otherTerm * otherTerm / (other.length - 1));
        return tested(kernel, difference, baseTerm + otherTerm, df);
    }

    /** No ratio: a round mean is not positive. */
    static Overhead undefined(String kernel) {
        return new Overhead(kernel, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    /** The ratio of a difference of mean logs, without an interval or a test. */
    static Overhead untested(String kernel, double difference) {
        return new Overhead(kernel, LogScale.percent(difference), Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    /**
     * The ratio, interval and p of a difference of mean logs, from its estimated variance and the
     * degrees of freedom of that estimate (a t statistic).
     */
    static Overhead tested(String kernel, double difference, double variance, double df) {
        double percent = LogScale.percent(difference);
        double standardError = Math.sqrt(variance);
        if (standardError == 0) {
            // every round of both kernels printed the same value: no spread to widen the interval,
            // and t is 0/0 or ±infinity; its limit is the honest p
            return new Overhead(kernel, percent, percent, percent, Double.NaN, difference == 0 ? 1 : 0);
        }
        TDistribution t = new TDistribution(df);
        double halfWidth = t.inverseCumulativeProbability(1 - (1 - LEVEL) / 2) * standardError;
        double p = 2 * t.cumulativeProbability(-Math.abs(difference / standardError));
        return new Overhead(kernel, percent, LogScale.percent(difference - halfWidth), LogScale.percent(difference + halfWidth), df, p);
    }
}
