package dev.kbench.run;

import dev.kbench.guest.Workload;
import dev.kbench.results.CsvRowWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * lsm-perf's CSV, one per workload: OUT itself for one workload, {@code OUT.NAME.csv} for
 * each of a suite's (lsm-perf's format has no workload column).
 */
final class CsvFiles implements AutoCloseable {
    private final Map<String, CsvRowWriter> writers = new LinkedHashMap<>();
    private final Map<String, Path> paths = new LinkedHashMap<>();

    CsvFiles(Experiment experiment) throws IOException {
        this(experiment.workloads(), experiment.out(), experiment.runs());
    }

    /** The CSVs of {@code workloads} for an experiment whose output is {@code out}. */
    CsvFiles(List<Workload> workloads, Path out, int runs) throws IOException {
        boolean suite = workloads.size() > 1;
        try {
            for (Workload workload : workloads) {
                Path path = suite ? Experiment.besideOut(out, "." + workload.fileName() + ".csv") : out;
                paths.put(workload.id(), path);
                writers.put(workload.id(), new CsvRowWriter(path, runs));
            }
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    void row(String workload, String kernel, int round, List<Long> runs) throws IOException {
        writers.get(workload).row(kernel, round, runs);
    }

    List<Path> files() {
        return List.copyOf(paths.values());
    }

    /** "the 4 rows measured so far are in lsm-perf.csv", for an interruption. */
    String kept() {
        int rows = writers.values().stream().mapToInt(CsvRowWriter::rows).sum();
        Path first = paths.values().iterator().next();
        return "the " + rows + " rows measured so far are in " + (paths.size() == 1 ? first
                : first.resolveSibling(first.getFileName().toString().replaceFirst("\\.[^.]+\\.csv$", ".*.csv")));
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (CsvRowWriter writer : writers.values()) {
            try {
                writer.close();
            } catch (IOException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
