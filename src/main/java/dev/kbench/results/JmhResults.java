package dev.kbench.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import dev.kbench.guest.WorkloadSuite;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
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

    /** A suite's metrics: {@code workloadOutput:getppid}, ... (see {@code dev.kbench.run.SuiteOutputs}). */
    public static final String SUITE_METRIC_PREFIX = WORKLOAD_METRIC + ":";

    private JmhResults() {
    }

    /** One workload's runs in one JMH result: {@code rounds.get(fork).get(iteration)}. */
    private record WorkloadSeries(String workload, List<List<Long>> rounds) {
    }

    /**
     * The workload series of one JMH result: a {@code WorkloadBenchmark}'s one metric, named by
     * {@code params.workload}, or a {@code SuiteBenchmark}'s metric per workload, in the suite's
     * order ({@code params.workloads}).
     */
    private static List<WorkloadSeries> series(JsonNode result) throws IOException {
        List<WorkloadSeries> series = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> metrics = result.path("secondaryMetrics").fields();
        while (metrics.hasNext()) {
            Map.Entry<String, JsonNode> metric = metrics.next();
            if (metric.getKey().equals(WORKLOAD_METRIC)) {
                series.add(new WorkloadSeries(result.path("params").path("workload").asText("(no workload parameter)"), rounds(metric.getValue())));
            } else if (metric.getKey().startsWith(SUITE_METRIC_PREFIX)) {
                series.add(new WorkloadSeries(metric.getKey().substring(SUITE_METRIC_PREFIX.length()), rounds(metric.getValue())));
            }
        }
        JsonNode suite = result.path("params").path("workloads");
        if (!suite.isMissingNode()) {
            List<String> order = WorkloadSuite.parse(suite.asText());
            series.sort(Comparator.comparingInt(s -> order.indexOf(s.workload()) < 0 ? Integer.MAX_VALUE : order.indexOf(s.workload())));
        }
        return series;
    }

    private static List<List<Long>> rounds(JsonNode metric) {
        List<List<Long>> rounds = new ArrayList<>();
        for (JsonNode fork : metric.path("rawData")) {
            List<Long> runs = new ArrayList<>();
            for (JsonNode value : fork) {
                runs.add(Math.round(value.asDouble()));
            }
            rounds.add(runs);
        }
        return rounds;
    }

    /**
     * One workload's runs in one JMH result, with the parameters that name it: the result's, the
     * suite's list ({@code workloads}) replaced by this series' {@code workload}.
     */
    public record Series(String kernel, Map<String, String> params, List<List<Long>> rounds) {

        public String workload() {
            return params.get("workload");
        }
    }

    /**
     * Every workload series of a JMH JSON file, in the file's order; results without a workload
     * integer (a boot benchmark's) are skipped, so the list may be empty.
     */
    public static List<Series> seriesOf(Path jmhJson) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(jmhJson.toFile());
        } catch (IOException e) {
            throw new IOException(jmhJson + " is not a JMH JSON result file: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (root == null || !root.isArray()) {
            throw new IOException(jmhJson + " is not a JMH JSON result file (expected a JSON array of results; run JMH with -rf json)");
        }
        List<Series> entries = new ArrayList<>();
        for (JsonNode result : root) {
            List<WorkloadSeries> series = series(result);
            if (series.isEmpty()) {
                continue; // no workload integer, e.g. a boot benchmark
            }
            String kernel = result.path("params").path("kernel").asText(null);
            if (kernel == null) {
                throw new IOException(jmhJson + ": result of " + result.path("benchmark").asText() + " has no 'kernel' parameter");
            }
            for (WorkloadSeries one : series) {
                Map<String, String> params = new TreeMap<>();
                result.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
                params.remove("workloads");
                params.put("workload", one.workload());
                entries.add(new Series(kernel, params, one.rounds()));
            }
        }
        return entries;
    }

    private static Set<String> varyingParams(List<Series> entries) {
        Map<String, Set<String>> values = new TreeMap<>();
        for (Series entry : entries) {
            entry.params().forEach((name, value) -> values.computeIfAbsent(name, k -> new HashSet<>()).add(value));
        }
        Set<String> varying = new TreeSet<>();
        values.forEach((name, seen) -> {
            if (!name.equals("kernel") && seen.size() > 1) {
                varying.add(name);
            }
        });
        return varying;
    }

    private static String label(Series entry, Set<String> varying) {
        if (varying.isEmpty()) {
            return entry.kernel();
        }
        List<String> parts = new ArrayList<>();
        for (String name : varying) {
            parts.add(name + "=" + entry.params().getOrDefault(name, ""));
        }
        return entry.kernel() + " [" + String.join(", ", parts) + "]";
    }

    /**
     * Reads every result; when a sweep varies other parameters too (workload, memory, ...), they
     * are added to the kernel's name, {@code caponly [mem=256, workload=eventfd]}, so no two rows
     * of the CSV claim the same kernel and round. A suite's workloads count as such a parameter.
     */
    public static List<KernelRounds> read(Path jmhJson) throws IOException {
        List<Series> entries = seriesOf(jmhJson);
        if (entries.isEmpty()) {
            throw new IOException(jmhJson + " holds no '" + WORKLOAD_METRIC + "' results: was it written by kbench's WorkloadBenchmark or SuiteBenchmark?");
        }
        Set<String> varying = varyingParams(entries);
        List<KernelRounds> kernels = new ArrayList<>();
        for (Series entry : entries) {
            kernels.add(new KernelRounds(label(entry, varying), entry.rounds()));
        }
        return kernels;
    }
}
