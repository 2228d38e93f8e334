package dev.kbench.report;

import dev.kbench.KbenchException;
import dev.kbench.results.Analysis;
import dev.kbench.results.Criteria;
import dev.kbench.results.CsvRowWriter;
import dev.kbench.results.HostSpread;
import dev.kbench.results.JmhResults;
import dev.kbench.results.KernelForks;
import dev.kbench.results.KernelRounds;
import dev.kbench.results.Measure;
import dev.kbench.results.MetricUnit;
import dev.kbench.results.OrderEffects;
import dev.kbench.results.RunSetup;
import dev.kbench.results.WorkloadResults;
import dev.kbench.results.format.ComparisonMarkdown;
import dev.kbench.results.format.HostSpreadText;
import dev.kbench.results.format.OrderEffectsText;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes what comes of a measurement once it is over, for kbench run and kbench report alike:
 * the merged JMH JSON, the comparison in Markdown, the HTML report with its plots, or a box
 * plot. Running stays apart: a run hands over what it measured and gets the files back. The
 * CSV is not written here, since lsm-perf users watch it fill row by row during the run
 * ({@link CsvRowWriter}).
 */
public final class ResultsWriter {

    /** What kbench report wrote, and the workloads it compared. */
    public record Report(List<WorkloadResults> workloads, Path html, Path markdown, List<Path> plots) {
    }

    private ResultsWriter() {
    }

    /**
     * kbench run's outputs, each named by {@code beside} after the run's OUT from its suffix: the
     * merged JMH JSON ({@code .json}), the run's setup ({@code .setup.json}), the comparison in Markdown ({@code .comparison.md}), then
     * for a suite the HTML report of that JSON ({@code .html}, plots beside it), else the box
     * plot of the one workload ({@code .png}).
     *
     * @param jmh per kernel, every round a fork of it
     * @param measured per workload, the rounds of each kernel, baseline first
     * @return the files, in the order above
     */
    public static List<Path> writeRun(List<KernelForks> jmh, Map<String, List<KernelRounds>> measured, boolean suite, RunSetup setup,
            Function<String, Path> beside) throws IOException {
        return writeRun(jmh, measured, suite, setup, Criteria.DEFAULT, List.of(), beside);
    }

    /**
     * As {@link #writeRun(List, Map, boolean, RunSetup, Function)}, the verdicts decided with {@code criteria},
     * and the order and drift checks at the end of the comparison file. The JSON is JMH's own,
     * made true to its merged rounds ({@link JmhJson}, {@link MergedJson}), with the run's setup beside it ({@code .setup.json}).
     */
    public static List<Path> writeRun(List<KernelForks> jmh, Map<String, List<KernelRounds>> measured, boolean suite, RunSetup setup,
            Criteria criteria, List<OrderEffects> orderEffects, Function<String, Path> beside) throws IOException {
        Path json = beside.apply(".json");
        // not JMH's own file writer: it prints through a PrintStream, which hides write errors (a
        // full disk left a cut JSON and no error), and holds every run as its objects
        Map<String, MetricUnit> units = writing(json, () -> {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(json))) {
                return JmhJson.write(jmh, setup, out);
            }
        });
        Path setupFile = writing(RunSetup.beside(json), () -> setup.writeBeside(json));
        List<WorkloadResults> workloads = new ArrayList<>();
        Measure measure = Measure.ofAccel(setup.accel());
        measured.forEach((workload, kernels) -> workloads.add(new WorkloadResults(workload, kernels, measure)));
        Path comparison = beside.apply(".comparison.md");
        List<Path> files = new ArrayList<>(List.of(json, setupFile,
                writing(comparison, () -> markdown(workloads, criteria, units, orderEffects, comparison))));
        if (suite) {
            // the page kbench report gives for this JSON, so the two never disagree
            Path html = beside.apply(".html");
            ReportPage.Written page = writing(html, () -> ReportPage.write(JmhResults.workloads(List.of(json)), criteria, List.of(json), html));
            files.add(page.html());
            files.addAll(page.plots());
        } else {
            WorkloadResults only = workloads.get(0);
            Path png = beside.apply(".png");
            files.add(writing(png, () -> RunPlots.points(only.name(), only.kernels(), units.getOrDefault(only.name(), MetricUnit.PRINTED), png).png()));
        }
        return files;
    }

    private interface Write<T> {
        T run() throws IOException;
    }

    /** Runs {@code write}; its failure names {@code file} (a full disk's IOException names none). */
    private static <T> T writing(Path file, Write<T> write) throws IOException {
        try {
            return write.run();
        } catch (IOException e) {
            String reason = e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null ? fs.getReason() : e.getMessage();
            throw new KbenchException(KbenchException.Kind.INFRASTRUCTURE, "cannot write " + file + ": " + reason, e);
        }
    }

    /** kbench report's outputs: the page at {@code html} with its plots beside it, and its tables in Markdown ({@code r.html} gives {@code r.md}). */
    public static Report writeReport(List<Path> inputs, Path html) throws IOException {
        return writeReport(inputs, Criteria.DEFAULT, html);
    }

    /** As {@link #writeReport(List, Path)}, the verdicts decided with {@code criteria}. */
    public static Report writeReport(List<Path> inputs, Criteria criteria, Path html) throws IOException {
        List<WorkloadResults> workloads = JmhResults.workloads(inputs);
        ReportPage.Written page = ReportPage.write(workloads, criteria, inputs, html);
        Path markdown = markdown(workloads, criteria, JmhResults.units(inputs), List.of(), html.resolveSibling(ReportPage.stem(html) + ".md"));
        return new Report(workloads, page.html(), markdown, page.plots());
    }

    private static Path markdown(List<WorkloadResults> workloads, Criteria criteria, Map<String, MetricUnit> units, List<OrderEffects> orderEffects,
            Path file) throws IOException {
        StringBuilder text = new StringBuilder(ComparisonMarkdown.of(Analysis.of(workloads, criteria), units));
        if (!orderEffects.isEmpty()) {
            text.append("\n").append(OrderEffectsText.markdown(orderEffects));
        }
        // a result merged from shards on several hosts: how much the hosts differ, and whether the effects do
        List<HostSpread> hosts = workloads.stream().map(w -> HostSpread.of(w.name(), w.kernels())).flatMap(java.util.Optional::stream).toList();
        if (!hosts.isEmpty()) {
            text.append("\n").append(HostSpreadText.markdown(hosts));
        }
        Files.writeString(file, text.toString());
        return file;
    }
}
