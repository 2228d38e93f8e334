package dev.kbench.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kbench.KbenchException;
import dev.kbench.guest.WorkloadSuite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads the guest-reported numbers out of JMH's standard JSON result file ({@code -rf json}):
 * for each benchmark result, the kernel is {@code params.kernel} and the runs of round r are
 * {@code secondaryMetrics.<metric>.rawData[r]}. The one reader for kbench csv, kbench report and
 * a suite's report at the end of kbench run; they differ only in what names a kernel.
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
            workloadOf(metric.getKey(), result).ifPresent(workload -> series.add(new WorkloadSeries(workload, rounds(metric.getValue()))));
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
        if (!Files.isRegularFile(jmhJson)) {
            throw new KbenchException(KbenchException.Kind.BAD_INPUT, "result file not found: " + jmhJson);
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(jmhJson.toFile());
        } catch (IOException e) {
            throw new KbenchException(KbenchException.Kind.BAD_INPUT, jmhJson + " is not a JMH JSON result file: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (root == null || !root.isArray()) {
            throw new KbenchException(KbenchException.Kind.BAD_INPUT, jmhJson + " is not a JMH JSON result file (expected a JSON array of results; run JMH with -rf json)");
        }
        List<Series> entries = new ArrayList<>();
        for (JsonNode result : root) {
            List<WorkloadSeries> series = series(result);
            if (series.isEmpty()) {
                continue; // no workload integer, e.g. a boot benchmark
            }
            String kernel = result.path("params").path("kernel").asText(null);
            if (kernel == null) {
                throw new KbenchException(KbenchException.Kind.BAD_INPUT, jmhJson + ": result of " + result.path("benchmark").asText() + " has no 'kernel' parameter");
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

    /**
     * Reads every result for a CSV; when a sweep varies other parameters too (workload, memory,
     * ...), they are added to the kernel's name, {@code caponly [mem=256, workload=eventfd]}, so no
     * two rows of the CSV claim the same kernel and round. A suite's workloads count as such a
     * parameter.
     */
    public static List<KernelRounds> read(Path jmhJson) throws IOException {
        List<Series> entries = seriesOf(jmhJson);
        if (entries.isEmpty()) {
            throw new KbenchException(KbenchException.Kind.BAD_INPUT, jmhJson + " holds no '" + WORKLOAD_METRIC + "' results: was it written by kbench's WorkloadBenchmark or SuiteBenchmark"
                    + " (by hand with -prof dev.kbench.run.WorkloadOutputs)?");
        }
        List<String> labels = labels(entries, Set.of("kernel"));
        List<KernelRounds> kernels = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            kernels.add(new KernelRounds(labels.get(i), entries.get(i).rounds()));
        }
        return kernels;
    }

    /** One file's series, the name the report gives the file, and what the series counts. */
    private record FileSeries(String file, Series series, Measure measure) {
    }

    /**
     * Reads the results of one or more files for a report, grouped by {@code params.workload}.
     * Within a workload the kernels keep the order of the files and of the results in them, so
     * the first kernel of the first file is the baseline. The workload is the heading, so only
     * the other parameters that vary within it (memory, accelerator, ...) join the kernel's name,
     * and, when several files are given, the file it came from: {@code stock [mem=256] @ a.json}.
     */
    public static List<WorkloadResults> workloads(List<Path> files) throws IOException {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no result file given");
        }
        Map<Path, String> fileLabels = fileLabels(files);
        Map<String, List<FileSeries>> byWorkload = new LinkedHashMap<>();
        for (Path file : files) {
            List<Series> entries = seriesOf(file);
            if (entries.isEmpty()) {
                throw new KbenchException(KbenchException.Kind.BAD_INPUT, file + " holds no '" + WORKLOAD_METRIC + "' results: was it written by kbench's WorkloadBenchmark?");
            }
            Optional<String> accel = RunSetup.readBeside(file).map(RunSetup::accel);
            Map<String, MetricUnit> units = units(List.of(file));
            for (Series series : entries) {
                Measure measure = measure(series, accel, units.getOrDefault(series.workload(), MetricUnit.PRINTED));
                byWorkload.computeIfAbsent(series.workload(), w -> new ArrayList<>()).add(new FileSeries(fileLabels.get(file), series, measure));
            }
        }
        List<WorkloadResults> workloads = new ArrayList<>();
        byWorkload.forEach((workload, results) -> {
            List<String> labels = labels(results.stream().map(FileSeries::series).toList(), Set.of("kernel", "workload"));
            List<KernelRounds> kernels = new ArrayList<>();
            for (int i = 0; i < results.size(); i++) {
                String label = files.size() > 1 ? labels.get(i) + " @ " + results.get(i).file() : labels.get(i);
                kernels.add(new KernelRounds(label, results.get(i).series().rounds()));
            }
            workloads.add(new WorkloadResults(workload, kernels, Measure.common(results.stream().map(FileSeries::measure).toList())));
        });
        return workloads;
    }

    /**
     * What a series counts: the accelerator its run recorded beside the file (resolved), else the
     * one its JMH parameters name (auto says nothing), else its unit, which under icount names instructions.
     */
    private static Measure measure(Series series, Optional<String> recorded, MetricUnit unit) {
        Optional<String> accel = recorded.or(() -> Optional.ofNullable(series.params().get("accel")).filter(a -> !a.equals("auto")));
        return accel.map(Measure::ofAccel).orElseGet(() -> Measure.of(unit));
    }

    /** The workload a secondary metric of {@code result} holds: its {@code params.workload}, or a suite metric's name; empty for any other metric. */
    public static Optional<String> workloadOf(String metric, JsonNode result) {
        if (metric.equals(WORKLOAD_METRIC)) {
            return Optional.of(result.path("params").path("workload").asText("(no workload parameter)"));
        }
        return metric.startsWith(SUITE_METRIC_PREFIX) ? Optional.of(metric.substring(SUITE_METRIC_PREFIX.length())) : Optional.empty();
    }

    /**
     * Each workload's unit, from its metric's {@code scoreUnit} (the first file that has the
     * workload decides); {@link MetricUnit#PRINTED} where JMH's JSON says nothing better.
     */
    public static Map<String, MetricUnit> units(List<Path> files) throws IOException {
        Map<String, MetricUnit> units = new LinkedHashMap<>();
        for (Path file : files) {
            units(new ObjectMapper().readTree(file.toFile())).forEach(units::putIfAbsent);
        }
        return units;
    }

    /** As {@link #units(List)}, of one JMH JSON document already read. */
    public static Map<String, MetricUnit> units(JsonNode root) {
        Map<String, MetricUnit> units = new LinkedHashMap<>();
        for (JsonNode result : root) {
            result.path("secondaryMetrics").fields().forEachRemaining(metric -> {
                workloadOf(metric.getKey(), result).ifPresent(w -> units.putIfAbsent(w, MetricUnit.parse(metric.getValue().path("scoreUnit").asText())));
            });
        }
        return units;
    }

    /** A file's name, or its path as given when two inputs share a name (two machines' {@code lsm-perf.json}). */
    private static Map<Path, String> fileLabels(List<Path> files) {
        Map<String, Integer> nameCount = new TreeMap<>();
        for (Path file : files) {
            nameCount.merge(file.getFileName().toString(), 1, Integer::sum);
        }
        Map<Path, String> labels = new LinkedHashMap<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            labels.put(file, nameCount.get(name) > 1 ? file.toString() : name);
        }
        return labels;
    }

    /**
     * Each series' kernel, followed by the parameters that vary among the series, except those
     * shown apart from the name: {@code stock [mem=256, workload=eventfd]}.
     */
    private static List<String> labels(List<Series> series, Set<String> shownApart) {
        Map<String, Set<String>> values = new TreeMap<>();
        for (Series entry : series) {
            entry.params().forEach((name, value) -> values.computeIfAbsent(name, k -> new HashSet<>()).add(value));
        }
        Set<String> varying = new TreeSet<>();
        values.forEach((name, seen) -> {
            if (!shownApart.contains(name) && seen.size() > 1) {
                varying.add(name);
            }
        });
        List<String> labels = new ArrayList<>();
        for (Series entry : series) {
            if (varying.isEmpty()) {
                labels.add(entry.kernel());
                continue;
            }
            List<String> parts = new ArrayList<>();
            for (String name : varying) {
                parts.add(name + "=" + entry.params().getOrDefault(name, ""));
            }
            labels.add(entry.kernel() + " [" + String.join(", ", parts) + "]");
        }
        return labels;
    }
}
