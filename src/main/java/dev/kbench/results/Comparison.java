package dev.kbench.results;

import java.util.List;
import java.util.Optional;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * One workload's kernels compared with the first, the baseline: a row per kernel. Runs of one VM
 * are not independent samples (between-boot variance is large), so every statistic that a test
 * rests on is of the round means, one per fresh VM: the mean, its stdev and CV, and the
 * confidence interval; the CV over all runs is given beside them for the within-VM noise. JMH's
 * own {@code scoreError} treats every iteration as independent and is not used. The effects
 * against the baseline come from {@link Analysis}, which corrects their p-values over the whole
 * result. It computes rows only: {@code results.format} renders them.
 *
 * @param workload the workload's name
 * @param criteria the correction and threshold the verdicts were decided with
 * @param family how many tested comparisons the correction was over (every workload of the result)
 * @param measure what the values count, so that the verdicts' words say it
 * @param test the test the effects against the baseline came from
 * @param rows the baseline first
 */
public record Comparison(String workload, Criteria criteria, int family, Measure measure, KernelTest test, List<Row> rows) {

    /**
     * One kernel's line of the table.
     *
     * @param mean the mean of the round means
     * @param stdev the standard deviation of the round means
     * @param cv {@code stdev / mean}: the between-round coefficient of variation
     * @param runCv the coefficient of variation of all runs, pooled (round to round and within)
     * @param ciLow the 95% confidence interval of the mean of round means, low end (NaN with one round)
     * @param effect against the baseline; empty for the baseline itself
     */
    public record Row(String kernel, int rounds, long runs, double mean, double stdev, double cv, double runCv,
            double ciLow, double ciHigh, Optional<Effect> effect) {

        public boolean tested() {
            return effect.map(e -> e.overhead().tested()).orElse(false);
        }
    }

    public Comparison {
        rows = List.copyOf(rows);
    }

    /** One workload analysed alone, with the default criteria: the correction is over its own kernels. */
    public static Comparison of(List<KernelRounds> kernels) {
        return Analysis.of(List.of(new WorkloadResults("", kernels)), Criteria.DEFAULT).comparisons().get(0);
    }

    /** The overheads of every kernel but the baseline, in order. */
    public List<Overhead> overheads() {
        return rows.stream().flatMap(r -> r.effect().stream()).map(Effect::overhead).toList();
    }

    /** A kernel's row, from its rounds and its effect against the baseline (none for the baseline). */
    static Row row(KernelRounds kernel, Optional<Effect> effect) {
        SummaryStatistics all = new SummaryStatistics();
        kernel.rounds().forEach(round -> round.forEach(all::addValue));
        SummaryStatistics rounds = new SummaryStatistics();
        double[] means = roundMeans(kernel);
        for (double m : means) {
            rounds.addValue(m);
        }
        double halfWidth = Double.NaN;
        if (means.length >= 2) {
            double t = new TDistribution(means.length - 1).inverseCumulativeProbability(1 - Criteria.ALPHA / 2);
            halfWidth = t * rounds.getStandardDeviation() / Math.sqrt(means.length);
        }
        double mean = rounds.getMean();
        return new Row(kernel.kernel(), means.length, all.getN(), mean, rounds.getStandardDeviation(), rounds.getStandardDeviation() / mean,
                all.getStandardDeviation() / all.getMean(), mean - halfWidth, mean + halfWidth, effect);
    }

    public static double[] roundMeans(KernelRounds kernel) {
        return kernel.rounds().stream().filter(r -> !r.isEmpty())
                .mapToDouble(r -> r.stream().mapToLong(Long::longValue).average().orElseThrow()).toArray();
    }
}
