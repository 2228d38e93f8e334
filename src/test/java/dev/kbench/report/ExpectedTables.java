package dev.kbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The rows the report's comparison and overhead tables should have, computed here from the raw
 * runs with the formulas written out, not through {@link dev.kbench.results.Comparison} or
 * {@link dev.kbench.results.Overhead}: a test that compared the page with those classes' own
 * output would pass with a wrong formula in them. Its own class so {@link ReportPageTest} holds
 * only what the page shows.
 */
final class ExpectedTables {

    private ExpectedTables() {
    }

    private static double[] runs(List<List<Long>> rounds) {
        return rounds.stream().flatMap(List::stream).mapToDouble(Long::doubleValue).toArray();
    }

    private static double[] roundMeans(List<List<Long>> rounds) {
        return rounds.stream().mapToDouble(r -> r.stream().mapToDouble(Long::doubleValue).sum() / r.size()).toArray();
    }

    private static double mean(double[] x) {
        double sum = 0;
        for (double v : x) {
            sum += v;
        }
        return sum / x.length;
    }

    private static double variance(double[] x) {
        double m = mean(x);
        double sum = 0;
        for (double v : x) {
            sum += (v - m) * (v - m);
        }
        return sum / (x.length - 1);
    }

    private static String f(String format, double value) {
        return String.format(Locale.ROOT, format, value);
    }

    private static double[] logs(double[] x) {
        double[] logs = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            logs[i] = Math.log(x[i]);
        }
        return logs;
    }

    /** Welch on the logs of the round means: {difference of log means, standard error, df}. */
    private static double[] logWelch(List<List<Long>> rounds, List<List<Long>> baseline) {
        double[] x = logs(roundMeans(rounds));
        double[] y = logs(roundMeans(baseline));
        double v1 = variance(x) / x.length;
        double v2 = variance(y) / y.length;
        double df = (v1 + v2) * (v1 + v2) / (v1 * v1 / (x.length - 1) + v2 * v2 / (y.length - 1));
        return new double[] {mean(x) - mean(y), Math.sqrt(v1 + v2), df};
    }

    /**
     * With three or more kernels (times), the t-test whose variance is pooled over all of them:
     * {difference of log means, standard error, df}, df = the sum of (rounds - 1).
     */
    private static double[] logPooled(List<List<Long>> rounds, List<List<Long>> baseline, List<List<List<Long>>> all) {
        double squares = 0;
        int df = 0;
        for (List<List<Long>> kernel : all) {
            double[] x = logs(roundMeans(kernel));
            squares += variance(x) * (x.length - 1);
            df += x.length - 1;
        }
        double[] x = logs(roundMeans(rounds));
        double[] y = logs(roundMeans(baseline));
        return new double[] {mean(x) - mean(y), Math.sqrt(squares / df * (1.0 / x.length + 1.0 / y.length)), df};
    }

    /** The test kbench applies: pooled over the kernels when there are three or more, else Welch. */
    private static double[] test(List<List<Long>> rounds, List<List<Long>> baseline, List<List<List<Long>>> all) {
        return all.size() >= 3 ? logPooled(rounds, baseline, all) : logWelch(rounds, baseline);
    }

    private static String percent(double logRatio) {
        return f("%+.2f%%", (Math.exp(logRatio) - 1) * 100);
    }

    private static String probability(double p) {
        return f(p < 1e-3 ? "%.1e" : "%.4f", p);
    }

    /**
     * The comparison table's rows, from the raw runs, the first kernel the baseline. Every kernel here
     * has 2 rounds: t with 1 df is Cauchy (the mean's interval). The q-values are Benjamini-Hochberg's, by its definition:
     * q(i) = min over the p(j) ≥ p(i) of p(j) m / rank(j).
     */
    static List<List<String>> comparison(List<String> kernels, List<List<List<Long>>> rounds) {
        int m = kernels.size() - 1;
        double[] p = new double[m];
        for (int k = 1; k <= m; k++) {
            double[] w = test(rounds.get(k), rounds.get(0), rounds);
            p[k - 1] = 2 * new TDistribution(w[2]).cumulativeProbability(-Math.abs(w[0] / w[1]));
        }
        List<List<String>> expected = new ArrayList<>();
        for (int k = 0; k <= m; k++) {
            double[] all = runs(rounds.get(k));
            double[] means = roundMeans(rounds.get(k));
            assertEquals(2, means.length);
            double mean = mean(means);
            double sd = Math.sqrt(variance(means));
            double t1 = Math.tan(Math.PI * (0.975 - 0.5)); // t(0.975, 1 df) = 12.7062
            double half = t1 * sd / Math.sqrt(2);
            List<String> row = new ArrayList<>(List.of(kernels.get(k), "2", "4", f("%.1f", mean), f("%.1f", sd), f("%.2f%%", sd / mean * 100),
                    f("%.2f%%", Math.sqrt(variance(all)) / mean(all) * 100), "[" + f("%.1f", mean - half) + ", " + f("%.1f", mean + half) + "]"));
            if (k == 0) {
                row.addAll(List.of("baseline", "", "", "", ""));
            } else {
                double[] w = test(rounds.get(k), rounds.get(0), rounds);
                double halfWidth = new TDistribution(w[2]).inverseCumulativeProbability(0.975) * w[1];
                double pk = p[k - 1];
                double q = 1;
                for (double pj : p) {
                    long rank = java.util.Arrays.stream(p).filter(x -> x <= pj).count();
                    q = pj >= pk ? Math.min(q, pj * m / rank) : q;
                }
                double low = (Math.exp(w[0] - halfWidth) - 1) * 100;
                double high = (Math.exp(w[0] + halfWidth) - 1) * 100;
                String verdict = q < 0.05 && low > 1 ? "slower" : q < 0.05 && high < -1 ? "faster" : low > -1 && high < 1 ? "same" : "inconclusive";
                // two rounds a side give at most 2 degrees of freedom: the interval carries the warning
                String marker = w[2] < 4 ? " (df<4)" : "";
                row.addAll(List.of(percent(w[0]), "[" + percent(w[0] - halfWidth) + ", " + percent(w[0] + halfWidth) + "]" + marker,
                        probability(pk), probability(q), verdict));
            }
            expected.add(row);
        }
        return expected;
    }

    static List<String> overhead(String kernel, List<List<Long>> rounds, List<List<Long>> baseline, List<List<List<Long>>> all) {
        double[] w = test(rounds, baseline, all);
        double half = new TDistribution(w[2]).inverseCumulativeProbability(0.975) * w[1];
        return List.of(kernel, percent(w[0]), "[" + percent(w[0] - half) + ", " + percent(w[0] + half) + "]", f("%.2f", w[2]));
    }
}
