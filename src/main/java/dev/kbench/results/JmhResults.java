package dev.kbench.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads the guest-reported numbers out of JMH's standard JSON result file ({@code -rf json}):
 * for each benchmark result, the kernel is {@code params.kernel} and the runs of round r are
 * {@code secondaryMetrics.<metric>.rawData[r]}.
 */
public final class JmhResults {

    /** The {@code @AuxCounters} field the workload's integer is stored under. */
    public static final String WORKLOAD_METRIC = "workloadOutput";

    private JmhResults() {
    }

    private static Set<String> varyingParams(List<JsonNode> results) {
        Map<String, Set<String>> values = new TreeMap<>();
        for (JsonNode result : results) {
            result.path("params").fields().forEachRemaining(e -> values.computeIfAbsent(e.getKey(), k -> new HashSet<>()).add(e.getValue().asText()));
        }
        Set<String> varying = new TreeSet<>();
        values.forEach((name, seen) -> {
            if (!name.equals("kernel") && seen.size() > 1) {
                varying.add(name);
            }
        });
        return varying;
    }

    private static String label(String kernel, JsonNode params, Set<String> varying) {
        if (varying.isEmpty()) {
            return kernel;
        }
        List<String> parts = new ArrayList<>();
        for (String name : varying) {
            parts.add(name + "=" + params.path(name).asText());
        }
        return kernel + " [" + String.join(", ", parts) + "]";
    }

    /**
     * Reads every result; when a sweep varies other parameters too (workload, memory, ...), they
     * are added to the kernel's name, {@code caponly [mem=256, workload=eventfd]}, so no two rows
     * of the CSV claim the same kernel and round.
     */
    public static List<KernelRounds> read(Path jmhJson) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(jmhJson.toFile());
        } catch (IOException e) {
            throw new IOException(jmhJson + " is not a JMH JSON result file: " + e.getMessage(), e);
        }
        if (root == null || !root.isArray()) {
            throw new IOException(jmhJson + " is not a JMH JSON result file (expected a JSON array of results; run JMH with -rf json)");
        }
        List<JsonNode> results = new ArrayList<>();
        for (JsonNode result : root) {
            if (!result.path("secondaryMetrics").path(WORKLOAD_METRIC).isMissingNode()) {
                results.add(result); // others report no workload integer, e.g. a boot benchmark
            }
        }
        Set<String> varying = varyingParams(results);
        List<KernelRounds> kernels = new ArrayList<>();
        for (JsonNode result : results) {
            String kernel = result.path("params").path("kernel").asText(null);
            if (kernel == null) {
                throw new IOException(jmhJson + ": result of " + result.path("benchmark").asText() + " has no 'kernel' parameter");
            }
            List<List<Long>> rounds = new ArrayList<>();
            for (JsonNode fork : result.path("secondaryMetrics").path(WORKLOAD_METRIC).path("rawData")) {
                List<Long> runs = new ArrayList<>();
                for (JsonNode value : fork) {
                    runs.add(Math.round(value.asDouble()));
                }
                rounds.add(runs);
            }
            kernels.add(new KernelRounds(label(kernel, result.path("params"), varying), rounds));
        }
        if (kernels.isEmpty()) {
            throw new IOException(jmhJson + " holds no '" + WORKLOAD_METRIC + "' results: was it written by kbench's WorkloadBenchmark?");
        }
        return kernels;
    }
}
