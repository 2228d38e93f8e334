package dev.kbench.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a report compares: the workload results of one or more JMH JSON files, grouped by
 * {@code params.workload}. Within a workload the kernels keep the order of the files and of the
 * results in them, so the first kernel of the first file is the baseline. {@link JmhResults}
 * names kernels for a CSV, where the workload has to be part of the name; here the workload is
 * the heading, so only the other parameters that vary within it (memory, accelerator, ...) join
 * the kernel's name, and, when several files are given, the file it came from:
 * {@code stock [mem=256] @ a.json}.
 */
public final class ReportInput {

    /** The kernels measured with one workload, baseline first. */
    public record Workload(String name, List<KernelRounds> kernels) {

        public Workload {
            kernels = List.copyOf(kernels);
        }
    }

    /** One benchmark result of one file, before it is named. */
    private record Result(String file, String kernel, String workload, Map<String, String> params, List<List<Long>> rounds) {
    }

    private ReportInput() {
    }

    public static List<Workload> read(List<Path> files) throws IOException {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no result file given");
        }
        Map<Path, String> fileLabels = fileLabels(files);
        Map<String, List<Result>> byWorkload = new LinkedHashMap<>();
        for (Path file : files) {
            for (Result result : results(file, fileLabels.get(file))) {
                byWorkload.computeIfAbsent(result.workload(), w -> new ArrayList<>()).add(result);
            }
        }
        List<Workload> workloads = new ArrayList<>();
        byWorkload.forEach((workload, results) -> {
            Set<String> varying = varyingParams(results);
            List<KernelRounds> kernels = new ArrayList<>();
            for (Result result : results) {
                kernels.add(new KernelRounds(label(result, varying, files.size() > 1), result.rounds()));
            }
            workloads.add(new Workload(workload, kernels));
        });
        return workloads;
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

    private static List<Result> results(Path file, String fileLabel) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("result file not found: " + file);
        }
        List<Result> results = new ArrayList<>();
        for (JmhResults.Series series : JmhResults.seriesOf(file)) {
            results.add(new Result(fileLabel, series.kernel(), series.workload(), series.params(), series.rounds()));
        }
        if (results.isEmpty()) {
            throw new IOException(file + " holds no '" + JmhResults.WORKLOAD_METRIC + "' results: was it written by kbench's WorkloadBenchmark?");
        }
        return results;
    }

    private static Set<String> varyingParams(List<Result> results) {
        Map<String, Set<String>> seen = new TreeMap<>();
        for (Result result : results) {
            result.params().forEach((name, value) -> seen.computeIfAbsent(name, n -> new HashSet<>()).add(value));
        }
        Set<String> varying = new TreeSet<>();
        seen.forEach((name, values) -> {
            if (!name.equals("kernel") && !name.equals("workload") && values.size() > 1) {
                varying.add(name);
            }
        });
        return varying;
    }

    private static String label(Result result, Set<String> varying, boolean severalFiles) {
        StringBuilder label = new StringBuilder(result.kernel());
        if (!varying.isEmpty()) {
            List<String> parts = new ArrayList<>();
            for (String name : varying) {
                parts.add(name + "=" + result.params().getOrDefault(name, ""));
            }
            label.append(" [").append(String.join(", ", parts)).append(']');
        }
        if (severalFiles) {
            label.append(" @ ").append(result.file());
        }
        return label.toString();
    }
}
