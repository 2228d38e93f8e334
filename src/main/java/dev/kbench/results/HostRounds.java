package dev.kbench.results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Round means split by the host each round ran on: the blocks of a sharded experiment. */
final class HostRounds {

    private HostRounds() {
    }

    /**
     * {@code kernel}'s round means by host, the hosts in the order they first appear; empty rounds
     * are left out as {@link Comparison#roundMeans} leaves them. Without hosts, one host named "".
     */
    static Map<String, double[]> roundMeans(KernelRounds kernel) {
        Map<String, List<Double>> byHost = new LinkedHashMap<>();
        for (int i = 0; i < kernel.rounds().size(); i++) {
            List<Long> round = kernel.rounds().get(i);
            if (!round.isEmpty()) {
                // the same expression as Comparison.roundMeans, so that one host gives the same values to the bit
                double mean = round.stream().mapToLong(Long::longValue).average().orElseThrow();
                byHost.computeIfAbsent(kernel.hasHosts() ? kernel.hosts().get(i) : "", h -> new ArrayList<>()).add(mean);
            }
        }
        Map<String, double[]> means = new LinkedHashMap<>();
        byHost.forEach((host, values) -> means.put(host, values.stream().mapToDouble(Double::doubleValue).toArray()));
        return means;
    }

    /**
     * Whether the measured rounds of {@code kernels} ran on more than one host, and hosts are blocks:
     * the jobs of {@code --jobs}, which name their one machine, are one host.
     */
    static boolean several(List<KernelRounds> kernels) {
        return hosts(kernels).size() > 1;
    }

    /** The hosts of the measured rounds of {@code kernels} that say theirs, in the order they first appear. */
    static List<String> hosts(List<KernelRounds> kernels) {
        Set<String> hosts = new LinkedHashSet<>();
        kernels.stream().filter(KernelRounds::hasHosts).forEach(kernel -> hosts.addAll(roundMeans(kernel).keySet()));
        return List.copyOf(hosts);
    }
}
