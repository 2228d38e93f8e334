package dev.kbench.results;

import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * A kernel's effect against the baseline as a ratio, with its 95% confidence interval and
 * p-value, from one test: Welch's t-test on the logarithms of the round means. The samples are
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
 * @param percent the ratio of the geometric means of round means, minus 1, in percent (NaN when
 *                a round mean is not positive: a ratio of logarithms needs positive values)
 * @param ciLow low end of the 95% confidence interval, in percent (NaN under two rounds a side)
 * @param ciHigh high end, in percent (NaN under two rounds a side)
 * @param welchDf the Welch–Satterthwaite degrees of freedom (NaN when they are undefined: no spread)
 * @param pValue Welch's two-sided p-value on the logs (NaN under two rounds a side); with no spread
 *               at all it is the limit: 1 when the kernels printed the same values, else 0
 */
public record Overhead(String kernel, double percent, double ciLow, double ciHigh, double welchDf, double pValue) {

    /** The confidence level of the interval. */
    public static final double LEVEL = 0.95;

    public boolean hasInterval() {
        return !Double.isNaN(ciLow);
    }

    public boolean tested() {
        return !Double.isNaN(pValue);
    }

    /** The overhead of every kernel but the first against the first, the baseline. */
    public static List<Overhead> againstFirst(List<KernelRounds> kernels) {
        return kernels.stream().skip(1).map(kernel -> of(kernels.get(0), kernel)).toList();
    }

    /** {@code kernel}'s overhead against {@code baseline}, from their round means. */
    public static Overhead of(KernelRounds baseline, KernelRounds kernel) {
        return of(kernel.kernel(), Comparison.roundMeans(baseline), Comparison.roundMeans(kernel));
    }

    static Overhead of(String kernel, double[] baseline, double[] other) {
        if (!positive(baseline) || !positive(other)) {
            return new Overhead(kernel, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double[] logBase = logs(baseline);
        double[] logOther = logs(other);
        double difference = mean(logOther) - mean(logBase);
        double percent = percent(difference);
        if (baseline.length < 2 || other.length < 2) {
            return new Overhead(kernel, percent, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double baseTerm = variance(logBase) / baseline.length;
        double otherTerm = variance(logOther) / other.length;
        double standardError = Math.sqrt(baseTerm + otherTerm);
        if (standardError == 0) {
            // every round of both kernels printed the same value: no spread to widen the interval,
            // and t is 0/0 or ±infinity; its limit is the honest p
            return new Overhead(kernel, percent, percent, percent, Double.NaN, difference == 0 ? 1 : 0);
        }
        double df = (baseTerm + otherTerm) * (baseTerm + otherTerm)
                / (baseTerm * baseTerm / (baseline.length - 1) + otherTerm * otherTerm / (other.length - 1));
        TDistribution t = new TDistribution(df);
        double halfWidth = t.inverseCumulativeProbability(1 - (1 - LEVEL) / 2) * standardError;
        double p = 2 * t.cumulativeProbability(-Math.abs(difference / standardError));
        return new Overhead(kernel, percent, percent(difference - halfWidth), percent(difference + halfWidth), df, p);
    }

    /** A difference of logs as a change in percent. */
    private static double percent(double logRatio) {
        return Math.expm1(logRatio) * 100;
    }

    private static boolean positive(double[] values) {
        if (values.length == 0) {
            return false;
        }
        for (double v : values) {
            if (!(v > 0)) {
                return false;
            }
        }
        return true;
    }

    private static double[] logs(double[] values) {
        double[] logs = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            logs[i] = Math.log(values[i]);
        }
        return logs;
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
