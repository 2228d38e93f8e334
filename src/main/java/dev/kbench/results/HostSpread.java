package dev.kbench.results;

import static dev.kbench.results.LogScale.mean;
import static dev.kbench.results.LogScale.percent;
import static dev.kbench.results.LogScale.positive;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.math3.special.Gamma;

/**
 * How much the hosts of a sharded experiment differ, for one workload: per kernel, the spread of
 * its log round means between hosts and within a host, and per kernel but the baseline, its
 * effect on each host and whether those effects differ by more than their noise. The comparison
 * itself blocks on hosts ({@link HostBlockedWelch}), so a host that is slower for every kernel
 * does not change it; this says how large that host effect was, and whether a kernel's effect
 * depends on the host, which the combined effect averages over.
 *
 * <p>The spreads are a one-way random-effects analysis of variance of each kernel's log round
 * means by host, by the method of moments: MSW the mean square within hosts, MSB between them,
 * the within-host variance MSW and the between-host variance (MSB - MSW) / n0, clipped at 0,
 * with n0 = (N - Σ n_h² / N) / (H - 1) for unbalanced hosts (Searle, Casella and McCulloch 1992,
 * §3.6). The heterogeneity is Cochran's Q over the hosts where both kernels have two rounds:
 * Q = Σ (d_h - d)² / v_h, d_h and v_h the per-host difference of mean logs and its Welch
 * variance, d their inverse-variance-weighted mean (as Q is defined; the comparison's combined
 * effect weighs by round counts), p from χ²(H - 1).
 *
 * @param hosts every host a round of the workload ran on, in the order they first appear
 * @param kernels the kernels that say where their rounds ran, baseline first
 */
public record HostSpread(String workload, List<String> hosts, List<KernelSpread> kernels) {

    public HostSpread {
        hosts = List.copyOf(hosts);
        kernels = List.copyOf(kernels);
    }

    /**
     * One kernel's round means split by host, as variance components of their logs.
     *
     * @param hosts how many hosts ran this kernel
     * @param betweenVariance the variance of the hosts' true means of log round means (≥ 0; NaN
     *                        under two hosts, or with one round per host: then host and round
     *                        cannot be told apart)
     * @param withinVariance the variance of log round means within a host, pooled (NaN with one round per host)
     * @param effect against the baseline, host by host; empty for the baseline itself
     */
    public record KernelSpread(String kernel, int hosts, double betweenVariance, double withinVariance, Optional<HostEffects> effect) {

        /** The between-host standard deviation as a coefficient of variation, in percent. */
        public double betweenPercent() {
            return cvPercent(betweenVariance);
        }

        /** The within-host standard deviation as a coefficient of variation, in percent. */
        public double withinPercent() {
            return cvPercent(withinVariance);
        }
    }

    /**
     * A kernel's effect against the baseline host by host, and whether the hosts disagree.
     *
     * @param percentByHost the ratio of geometric means of round means on each host of
     *                      {@link HostSpread#hosts}, minus 1, in percent (NaN where a kernel did not run)
     * @param q Cochran's Q (NaN under two hosts with two rounds a side and some spread)
     * @param df its degrees of freedom: the hosts it is over, minus 1
     * @param pValue from χ²(df): small when the effect differs between hosts more than the rounds' noise explains
     */
    public record HostEffects(List<Double> percentByHost, double q, int df, double pValue) {

        public HostEffects {
            percentByHost = List.copyOf(percentByHost);
        }

        /** The effect differs between hosts: p < 0.05. */
        public boolean heterogeneous() {
            return pValue < Criteria.ALPHA;
        }
    }

    /**
     * The hosts of one workload's kernels (baseline first); empty when its rounds ran on one host
     * or do not say where. Kernels that do not say are left out.
     */
    public static Optional<HostSpread> of(String workload, List<KernelRounds> kernels) {
        List<KernelRounds> hosted = kernels.stream().filter(KernelRounds::hasHosts).toList();
        List<String> hosts = HostRounds.hosts(hosted);
        if (hosts.size() < 2) {
            return Optional.empty();
        }
        List<KernelSpread> spreads = new ArrayList<>();
        spreads.add(spread(hosted.get(0), Optional.empty()));
        for (KernelRounds kernel : hosted.subList(1, hosted.size())) {
            spreads.add(spread(kernel, Optional.of(effects(hosted.get(0), kernel, hosts))));
        }
        return Optional.of(new HostSpread(workload, hosts, spreads));
    }

    /** The between-host standard deviation over the kernels, as a CV in percent: from their variances averaged. */
    public double betweenPercent() {
        return cvPercent(average(kernels.stream().mapToDouble(KernelSpread::betweenVariance).toArray()));
    }

    /** The within-host standard deviation over the kernels, as a CV in percent: from their variances averaged. */
    public double withinPercent() {
        return cvPercent(average(kernels.stream().mapToDouble(KernelSpread::withinVariance).toArray()));
    }

    /** The kernels' effects against the baseline, by host; the baseline has none. */
    public List<KernelSpread> compared() {
        return kernels.stream().filter(k -> k.effect().isPresent()).toList();
    }

    /** One-way random effects by the method of moments, on the log round means. */
    static KernelSpread spread(KernelRounds kernel, Optional<HostEffects> effect) {
        Map<String, double[]> byHost = HostRounds.roundMeans(kernel);
        int groups = byHost.size();
        if (!byHost.values().stream().allMatch(LogScale::positive)) {
            return new KernelSpread(kernel.kernel(), groups, Double.NaN, Double.NaN, effect);
        }
        List<double[]> logs = byHost.values().stream().map(LogScale::logs).toList();
        int n = logs.stream().mapToInt(l -> l.length).sum();
        double grand = logs.stream().flatMapToDouble(Arrays::stream).sum() / n;
        double within = 0;
        double between = 0;
        double squaredSizes = 0;
        for (double[] host : logs) {
            double hostMean = mean(host);
            for (double v : host) {
                within += (v - hostMean) * (v - hostMean);
            }
            between += host.length * (hostMean - grand) * (hostMean - grand);
            squaredSizes += (double) host.length * host.length;
        }
        double msWithin = n > groups ? within / (n - groups) : Double.NaN;
        double betweenVariance = Double.NaN;
        if (groups >= 2 && n > groups) {
            double msBetween = between / (groups - 1);
            // the number of rounds per host, in effect, when hosts have different numbers of them
            double n0 = (n - squaredSizes / n) / (groups - 1);
            betweenVariance = Math.max(0, (msBetween - msWithin) / n0);
        }
        return new KernelSpread(kernel.kernel(), groups, betweenVariance, msWithin, effect);
    }

    /** {@code kernel} against {@code baseline} host by host, and Cochran's Q over the hosts with a spread. */
    static HostEffects effects(KernelRounds baseline, KernelRounds kernel, List<String> hosts) {
        List<Double> percents = new ArrayList<>(hosts.stream().map(h -> Double.NaN).toList());
        if (!positive(Comparison.roundMeans(baseline)) || !positive(Comparison.roundMeans(kernel))) {
            return new HostEffects(percents, Double.NaN, 0, Double.NaN);
        }
        List<HostPair> pairs = HostPair.of(baseline, kernel);
        pairs.forEach(pair -> percents.set(hosts.indexOf(pair.host()), percent(pair.difference())));
        // a host without spread would weigh infinitely: Q is over the hosts whose variance can be estimated and is not 0
        List<HostPair> weighed = pairs.stream().filter(p -> p.replicated() && p.differenceVariance() > 0).toList();
        int df = weighed.size() - 1;
        if (df < 1) {
            return new HostEffects(percents, Double.NaN, Math.max(df, 0), Double.NaN);
        }
        double weights = weighed.stream().mapToDouble(p -> 1 / p.differenceVariance()).sum();
        double pooled = weighed.stream().mapToDouble(p -> p.difference() / p.differenceVariance()).sum() / weights;
        double q = weighed.stream().mapToDouble(p -> (p.difference() - pooled) * (p.difference() - pooled) / p.differenceVariance()).sum();
        // the upper tail of χ²(df) directly, not 1 - cdf, which rounds small p-values to 0
        return new HostEffects(percents, q, df, Gamma.regularizedGammaQ(df / 2.0, q / 2));
    }

    /** The mean of the finite values; NaN when there is none. */
    private static double average(double[] values) {
        return Arrays.stream(values).filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN);
    }

    /** A variance of logs as the coefficient of variation of a log-normal with that variance, in percent: about 100·σ when small. */
    private static double cvPercent(double logVariance) {
        return Math.sqrt(Math.expm1(logVariance)) * 100;
    }
}
