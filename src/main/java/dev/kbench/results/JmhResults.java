package dev.kbench.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
        List<KernelRounds> kernels = new ArrayList<>();
        for (JsonNode result : root) {
            JsonNode metric = result.path("secondaryMetrics").path(WORKLOAD_METRIC);
            if (metric.isMissingNode()) {
                continue; // a benchmark that reports no workload integer, e.g. a boot benchmark
            }
            String kernel = result.path("params").path("kernel").asText(null);
            if (kernel == null) {
                throw new IOException(jmhJson + ": result of " + result.path("benchmark").asText() + " has no 'kernel' parameter");
            }
            List<List<Long>> rounds = new ArrayList<>();
            for (JsonNode fork : metric.path("rawData")) {
                List<Long> runs = new ArrayList<>();
                for (JsonNode value : fork) {
                    runs.add(Math.round(value.asDouble()));
                }
                rounds.add(runs);
            }
            kernels.add(new KernelRounds(kernel, rounds));
        }
        if (kernels.isEmpty()) {
            throw new IOException(jmhJson + " holds no '" + WORKLOAD_METRIC + "' results: was it written by kbench's WorkloadBenchmark?");
        }
        return kernels;
    }
}
