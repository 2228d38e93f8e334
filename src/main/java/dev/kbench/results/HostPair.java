package dev.kbench.results;

import static dev.kbench.results.LogScale.logs;
import static dev.kbench.results.LogScale.mean;
import static dev.kbench.results.LogScale.variance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The log round means of the baseline and of another kernel on one host: the block within
 * which a sharded experiment compares them, so that what a host adds to both cancels.
 */
record HostPair(String host, double[] logBase, double[] logOther) {

    /**
     * The hosts both kernels ran on, in the order they first appear in the baseline's rounds.
     * Every round mean must be positive (the caller checks: a log needs it).
     */
    static List<HostPair> of(KernelRounds baseline, KernelRounds kernel) {
        Map<String, double[]> other = HostRounds.roundMeans(kernel);
        List<HostPair> pairs = new ArrayList<>();
        HostRounds.roundMeans(baseline).forEach((host, base) -> {
            if (other.containsKey(host)) {
                pairs.add(new HostPair(host, logs(base), logs(other.get(host))));
            }
        });
        return pairs;
    }

    /** The kernel against the baseline on this host: the difference of mean logs. */
    double difference() {
        return mean(logOther) - mean(logBase);
    }

    /** Whether both kernels have the two rounds here that a spread within the host needs. */
    boolean replicated() {
        return logBase.length >= 2 && logOther.length >= 2;
    }

    /** s²(log a) / n_a: the baseline's share of the difference's variance. */
    double baseTerm() {
        return variance(logBase) / logBase.length;
    }

    /** s²(log b) / n_b: the other kernel's share. */
    double otherTerm() {
        return variance(logOther) / logOther.length;
    }

    /** The estimated variance of {@link #difference()}, as Welch's. */
    double differenceVariance() {
        return baseTerm() + otherTerm();
    }

    /**
     * 1 / (1/n_a + 1/n_b): how much the difference here would weigh were the spread the same on
     * every host (its inverse variance up to that common spread), from the round counts alone.
     */
    double sizeWeight() {
        return 1 / (1.0 / logBase.length + 1.0 / logOther.length);
    }
}
