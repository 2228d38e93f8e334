package dev.kbench.results;

import static dev.kbench.results.LogScale.logs;
import static dev.kbench.results.LogScale.mean;
import static dev.kbench.results.LogScale.positive;
import static dev.kbench.results.LogScale.variance;

import java.util.List;

/**
 * A kernel against the baseline when the rounds ran on several hosts (a sharded experiment):
 * hosts are blocks, so the difference is estimated within each host and the hosts' differences
 * combined, and whatever a host adds to every kernel alike (a faster CPU, another kernel
 * version on the host) cancels instead of widening the interval or, were the hosts unevenly
 * shared, biasing the ratio.
 *
 * <p>On each host h where both kernels have at least two rounds, Welch's difference of mean
 * logs and its variance: {@code d_h = mean(log b_h) - mean(log a_h)},
 * {@code v_h = s²(log a_h)/na_h + s²(log b_h)/nb_h}. Combined with fixed weights
 * {@code w_h ∝ 1/(1/na_h + 1/nb_h)}, normalised to sum 1: {@code d = Σ w_h d_h},
 * {@code var(d) = Σ w_h² v_h}, and Satterthwaite's degrees of freedom for that sum of
 * variance estimates, {@code var(d)² / Σ_h [(w_h² s²a_h/na_h)²/(na_h-1) + (w_h² s²b_h/nb_h)²/(nb_h-1)]}.
 * The interval and p come from t(df) and are reported as {@link Overhead} reports Welch's.
 *
 * <p>Why weights from the round counts and not the estimated inverse variances 1/v_h: a host
 * has a few rounds, so v_h is itself noisy, and weighting by its inverse gives most weight to
 * the hosts whose spread happened to come out small, which makes the combined variance too
 * small and the interval too narrow (and correlates weight with d_h when spread grows with the
 * level). Weights fixed by the design do not depend on the data, so var(d) is unbiased and the
 * Satterthwaite df describe it. When the spread is the same on every host they are the inverse
 * variances anyway. With one host the weight is 1 and this is Welch's test, to the bit.
 *
 * <p>Hosts where a kernel has fewer than two rounds have no spread to estimate and are left
 * out. When no host is left, the hosts themselves are the replicates: with one round per kernel
 * and host (a randomised block design without replication), the per-host differences d_h of
 * every host both kernels ran on are tested with a one-sample t-test, H - 1 degrees of freedom,
 * unweighted. With a single such host there is its ratio and no test; with none (no host ran
 * both kernels, against the design rule) the ratio of all rounds, which hosts confound, and no
 * test. A round mean that is not positive leaves no ratio, as in {@link Overhead}.
 */
final class HostBlockedWelch {

    private HostBlockedWelch() {
    }

    /** Whether both kernels say where each round ran, and it was more than one host: then hosts are blocks. */
    static boolean applies(KernelRounds baseline, KernelRounds kernel) {
        return baseline.hasHosts() && kernel.hasHosts() && HostRounds.several(List.of(baseline, kernel));
    }

    static Overhead of(KernelRounds baseline, KernelRounds kernel) {
        String name = kernel.kernel();
        double[] allBase = Comparison.roundMeans(baseline);
        double[] allOther = Comparison.roundMeans(kernel);
        if (!positive(allBase) || !positive(allOther)) {
            return Overhead.undefined(name);
        }
        List<HostPair> common = HostPair.of(baseline, kernel);
        List<HostPair> replicated = common.stream().filter(HostPair::replicated).toList();
        if (!replicated.isEmpty()) {
            return blocked(name, replicated);
        }
        if (common.size() >= 2) {
            return hostsAsReplicates(name, common);
        }
        if (common.size() == 1) {
            return Overhead.untested(name, common.get(0).difference());
        }
        return Overhead.untested(name, mean(logs(allOther)) - mean(logs(allBase)));
    }

    /** The host-blocked Welch test over hosts where both kernels have two rounds or more. */
    static Overhead blocked(String kernel, List<HostPair> hosts) {
        double weights = hosts.stream().mapToDouble(HostPair::sizeWeight).sum();
        double difference = 0;
        double variance = 0;
        double dfDenominator = 0;
        for (HostPair host : hosts) {
            double w = host.sizeWeight() / weights;
            double base = w * w * host.baseTerm();
            double other = w * w * host.otherTerm();
            difference += w * host.difference();
            variance += base + other;
            dfDenominator += base * base / (host.logBase().length - 1) + other * other / (host.logOther().length - 1);
        }
        return Overhead.tested(kernel, difference, variance, variance * variance / dfDenominator);
    }

    /** One difference per host, the hosts as the samples: the paired t-test of a block design with one round per cell. */
    private static Overhead hostsAsReplicates(String kernel, List<HostPair> hosts) {
        double[] differences = hosts.stream().mapToDouble(HostPair::difference).toArray();
        return Overhead.tested(kernel, mean(differences), variance(differences) / differences.length, differences.length - 1);
    }
}
