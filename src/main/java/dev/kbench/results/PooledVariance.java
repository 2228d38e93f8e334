package dev.kbench.results;

import static dev.kbench.results.LogScale.logs;
import static dev.kbench.results.LogScale.mean;
import static dev.kbench.results.LogScale.positive;

import java.util.List;

/**
 * The variance of a workload's log round means around each kernel's own mean, pooled over its
 * kernels: {@code s² = Σ_k Σ_r (log x_kr − mean_k)² / Σ_k (n_k − 1)}, with {@code Σ_k (n_k − 1)}
 * degrees of freedom. A kernel with a round mean that is not positive has no logs and adds
 * nothing; one with one round adds no degree of freedom.
 *
 * @param variance the pooled variance of the log round means (NaN with no degree of freedom)
 * @param df its degrees of freedom
 */
record PooledVariance(double variance, int df) {

    static PooledVariance of(List<KernelRounds> kernels) {
        double squares = 0;
        int df = 0;
        for (KernelRounds kernel : kernels) {
            double[] means = Comparison.roundMeans(kernel);
            if (means.length < 2 || !positive(means)) {
                continue;
            }
            // the sample variance times its degrees of freedom: the kernel's squared deviations from its own mean
            squares += LogScale.variance(logs(means)) * (means.length - 1);
            df += means.length - 1;
        }
        return new PooledVariance(df == 0 ? Double.NaN : squares / df, df);
    }

    /** Every kernel but the first against the first, each difference judged against this variance. */
    List<Overhead> againstFirst(List<KernelRounds> kernels) {
        KernelRounds baseline = kernels.get(0);
        return kernels.stream().skip(1).map(kernel -> against(baseline, kernel)).toList();
    }

    /** {@code kernel}'s overhead against {@code baseline}: their difference of mean logs, its variance {@code s²(1/na + 1/nb)}. */
    Overhead against(KernelRounds baseline, KernelRounds kernel) {
        double[] base = Comparison.roundMeans(baseline);
        double[] other = Comparison.roundMeans(kernel);
        if (!positive(base) || !positive(other)) {
            return Overhead.undefined(kernel.kernel());
        }
        double difference = mean(logs(other)) - mean(logs(base));
        if (base.length < 2 || other.length < 2 || df == 0) {
            return Overhead.untested(kernel.kernel(), difference);
        }
        return Overhead.tested(kernel.kernel(), difference, variance * (1.0 / base.length + 1.0 / other.length), df);
    }
}
