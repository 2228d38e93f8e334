package dev.kbench.report;

import dev.kbench.results.Analysis;
import dev.kbench.results.Comparison;
import dev.kbench.results.Criteria;
import dev.kbench.results.Effect;
import dev.kbench.results.JmhResults;
import dev.kbench.results.Measure;
import dev.kbench.results.MetricUnit;
import dev.kbench.results.Overhead;
import dev.kbench.results.OverheadMatrix;
import dev.kbench.results.WorkloadResults;
import dev.kbench.results.format.ComparisonCells;
import dev.kbench.results.format.CriteriaText;
import dev.kbench.results.format.OverheadCells;
import dev.kbench.results.format.OverheadMatrixMarkdown;
import dev.kbench.results.format.VerdictWords;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One HTML page comparing the kernels of every workload: a box plot of the runs, a bar chart of
 * the overhead against the baseline with its confidence interval, and the comparison table.
 * The page stands alone (inline CSS, plots as PNG data URIs, no scripts, fonts or links out),
 * so it can be mailed or opened offline; the PNGs are also written beside it for slides.
 */
public final class ReportPage {

    /** What was written: the page and the plots beside it. */
    public record Written(Path html, List<Path> plots) {
    }

    private static final String STYLE = """
            body { font-family: sans-serif; margin: 2em auto; max-width: 1040px; padding: 0 1em; color: #222; font-size: 16px; line-height: 1.4; }
            nav.contents ul { columns: 3; } table.setup th { white-space: nowrap; vertical-align: top; }
            table.setup td { max-width: 40em; overflow-wrap: anywhere; } p.unit { color: #444; } p.top { font-size: .85em; }
            h1 { font-size: 1.6em; } h2 { font-size: 1.3em; border-bottom: 1px solid #ccc; padding-bottom: .2em; margin-top: 2em; }
            code { font-family: monospace; }
            figure { margin: 1em 0; } figure img { max-width: 100%; height: auto; border: 1px solid #eee; }
            figcaption { font-size: .9em; color: #555; }
            table { border-collapse: collapse; margin: 1em 0; font-size: .9em; }
            th, td { border: 1px solid #ccc; padding: .3em .6em; } th { background: #f3f3f3; text-align: left; }
            table.comparison { display: block; overflow-x: auto; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            tr.baseline td { background: #f7f7f7; } tr.significant td { background: #fff3d6; }
            td.significant { background: #fff3d6; font-weight: bold; }
            p.legend { font-size: .9em; color: #555; }
            """;

    private ReportPage() {
    }

    /** Writes the page to {@code html} and the plots beside it, named after it, with the default criteria. */
    public static Written write(List<WorkloadResults> workloads, List<Path> inputs, Path html) throws IOException {
        return write(workloads, Criteria.DEFAULT, inputs, html);
    }

    /** Writes the page to {@code html} and the plots beside it, named after it; verdicts decided with {@code criteria}. */
    public static Written write(List<WorkloadResults> workloads, Criteria criteria, List<Path> inputs, Path html) throws IOException {
        Path dir = html.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        String stem = stem(html);
        List<Path> plots = new ArrayList<>();
        Set<String> usedSlugs = new HashSet<>();
        Map<String, MetricUnit> units = JmhResults.units(inputs);
        List<String> slugs = new ArrayList<>();
        workloads.forEach(w -> slugs.add(uniqueSlug(w.name(), usedSlugs)));
        StringBuilder page = new StringBuilder();
        page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>kbench report</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n")
                .append("<h1>kbench report</h1>\n");
        Analysis analysis = Analysis.of(workloads, criteria);
        OverheadMatrix matrix = OverheadMatrix.of(analysis);
        boolean overviewShown = workloads.size() > 1 && !matrix.rows().isEmpty();
        contents(page, workloads, slugs, overviewShown);
        header(page, inputs, workloads, units);
        criteria(page, analysis);
        if (overviewShown) {
            Path overview = OverheadMatrixPlot.write(matrix, dir.resolve(stem + "-overview.png"));
            plots.add(overview);
            page.append("<section class=\"overview\" id=\"overview\">\n<h2>Overview</h2>\n");
            figure(page, overview, "Overhead of every kernel on every workload", Map.of(),
                    "Each cell: the kernel against the workload's baseline, the ratio of the geometric means of round means in percent,"
                            + " and its verdict. " + OverheadMatrixMarkdown.legend(matrix)
                            + " A row compares every kernel with that workload's baseline, so a baseline that ran unusually slow or fast"
                            + " moves its whole row: the baseline CV beside each workload (of its round means; red in the map when"
                            + " beyond the threshold) says how steady it was.");
            overviewTable(page, matrix);
            page.append("</section>\n");
        }
        for (int w = 0; w < workloads.size(); w++) {
            WorkloadResults workload = workloads.get(w);
            Comparison comparison = analysis.comparisons().get(w);
            String slug = slugs.get(w);
            MetricUnit unit = units.getOrDefault(workload.name(), MetricUnit.PRINTED);
            RunPlots.Plotted runs = RunPlots.points(workload.name(), workload.kernels(), unit, dir.resolve(stem + "-" + slug + "-runs.png"));
            plots.add(runs.png());
            page.append("<section class=\"workload\" id=\"").append(escape(slug)).append("\">\n<h2>Workload <code>")
                    .append(escape(workload.name())).append("</code></h2>\n<p class=\"unit\">Unit: <code>").append(escape(unit.text()))
                    .append("</code>").append(unit.equals(MetricUnit.PRINTED) ? (comparison.measure() == Measure.INSTRUCTIONS
                            ? " (the workload's integer as printed: guest instructions under icount)" : " (the workload's integer as printed; --unit names a program's)")
                            : ", shown as " + escape(unit.scale(baselineMean(comparison)).label())).append(".</p>\n");
            figure(page, runs.png(), "Every run of every kernel with " + workload.name(),
                    Map.of("data-low", Double.toString(runs.low()), "data-high", Double.toString(runs.high())),
                    "Every measured run (dots, spread sideways) and the mean of each round (diamonds, one per fresh VM), per kernel;"
                            + " the axis spans every run.");
            List<Comparison.Row> rows = comparison.rows();
            if (rows.size() > 1) {
                String baseline = rows.get(0).kernel();
                List<Overhead> overheads = comparison.overheads();
                Path overheadPng = OverheadPlot.write(workload.name(), baseline, overheads, comparison.test(), criteria.thresholdPercent(),
                        dir.resolve(stem + "-" + slug + "-overhead.png"));
                plots.add(overheadPng);
                figure(page, overheadPng, "Overhead of every kernel against " + baseline + " with " + workload.name(), Map.of(),
                        "Ratio of the geometric means of round means against the baseline's (" + baseline
                                + "), in percent; error bars: its 95% confidence interval (" + comparison.test().title() + ");"
                                + " dashed lines: the threshold ±" + CriteriaText.threshold(criteria) + ".");
                table(page, "overhead", OverheadCells.HEADER, overheads.stream().map(o -> new Line(OverheadCells.of(o), "")).toList());
            } else {
                page.append("<p>Only one kernel ran this workload: there is nothing to compare it with.</p>\n");
            }
            List<List<String>> cells = ComparisonCells.of(comparison, unit);
            List<Line> lines = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                boolean differs = rows.get(i).effect().map(e -> e.verdict().differs()).orElse(false);
                lines.add(new Line(cells.get(i), i == 0 ? "baseline" : differs ? "significant" : ""));
            }
            table(page, "comparison", ComparisonCells.header(comparison, unit), lines);
            page.append("<p class=\"legend\">").append(escape(ComparisonCells.legend(comparison).strip())).append("</p>\n")
                    .append("<p class=\"top\"><a href=\"#contents\">contents</a></p>\n</section>\n");
        }
        page.append("</body>\n</html>\n");
        Files.writeString(html, page);
        return new Written(html, List.copyOf(plots));
    }

    private static double baselineMean(Comparison comparison) {
        return comparison.rows().isEmpty() ? 0 : comparison.rows().get(0).mean();
    }

    /** A link to every section: a suite's page is long. */
    private static void contents(StringBuilder page, List<WorkloadResults> workloads, List<String> slugs, boolean overview) {
        page.append("<nav class=\"contents\" id=\"contents\">\n<h2>Contents</h2>\n<ul>\n<li><a href=\"#setup\">Setup</a></li>\n");
        if (overview) {
            page.append("<li><a href=\"#overview\">Overview</a></li>\n");
        }
        for (int i = 0; i < workloads.size(); i++) {
            page.append("<li><a href=\"#").append(escape(slugs.get(i))).append("\">").append(escape(workloads.get(i).name())).append("</a></li>\n");
        }
        page.append("</ul>\n</nav>\n");
    }

    /** What was compared and how: a column of facts per input file, and each workload's unit. */
    private static void header(StringBuilder page, List<Path> inputs, List<WorkloadResults> workloads, Map<String, MetricUnit> units)
            throws IOException {
        page.append("<section class=\"setup\" id=\"setup\">\n<h2>Setup</h2>\n");
        inputs(page, inputs);
        List<InputFacts> facts = new ArrayList<>();
        for (Path input : inputs) {
            facts.add(InputFacts.of(input, input.getFileName().toString()));
        }
        page.append("<table class=\"setup\">\n<thead><tr><th></th>");
        facts.forEach(f -> page.append("<th>").append(escape(f.file())).append("</th>"));
        page.append("</tr></thead>\n<tbody>\n");
        for (String name : InputFacts.NAMES) {
            page.append("<tr><th>").append(escape(name)).append("</th>");
            facts.forEach(f -> page.append("<td>").append(escape(f.facts().get(name))).append("</td>"));
            page.append("</tr>\n");
        }
        page.append("<tr><th>unit</th><td colspan=\"").append(facts.size()).append("\">");
        List<String> perWorkload = new ArrayList<>();
        for (WorkloadResults workload : workloads) {
            perWorkload.add(workload.name() + ": " + units.getOrDefault(workload.name(), MetricUnit.PRINTED).text());
        }
        page.append(escape(String.join("; ", perWorkload))).append("</td></tr>\n</tbody>\n</table>\n</section>\n");
    }

    /** The page's name without {@code .html}: its plots and tables are named after it. */
    static String stem(Path html) {
        return html.getFileName().toString().replaceFirst("\\.html?$", "");
    }

    private static void inputs(StringBuilder page, List<Path> inputs) {
        page.append("<p>Compared from ").append(inputs.size() == 1 ? "one JMH result file" : inputs.size() + " JMH result files")
                .append(" written by kbench; the first kernel of each workload is its baseline.</p>\n<ul class=\"inputs\">\n");
        for (Path input : inputs) {
            page.append("<li><code>").append(escape(input.toString())).append("</code></li>\n");
        }
        page.append("</ul>\n");
    }

    /** Which correction and threshold decided the verdicts, once for the page. */
    private static void criteria(StringBuilder page, Analysis analysis) {
        Criteria criteria = analysis.criteria();
        int family = analysis.comparisons().isEmpty() ? 0 : analysis.comparisons().get(0).family();
        boolean instructions = Measure.common(analysis.comparisons().stream().map(Comparison::measure).toList()) == Measure.INSTRUCTIONS;
        page.append("<p class=\"criteria\">Verdicts: slower or faster").append(instructions ? " " + VerdictWords.INSTRUCTIONS : "").append(" when ")
                .append(escape(CriteriaText.significance(criteria)))
                .append(" (over the ").append(family).append(" tested comparisons of this page) and the 95% CI outside ±")
                .append(escape(CriteriaText.threshold(criteria))).append(", the smallest difference that matters.</p>\n");
    }

    /** A plot, shown at half its pixels (they are drawn at twice the size for sharpness), with {@code data} attributes for its reader. */
    private static void figure(StringBuilder page, Path png, String alt, Map<String, String> data, String caption) throws IOException {
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
        page.append("<figure");
        new java.util.TreeMap<>(data).forEach((name, value) -> page.append(' ').append(name).append("=\"").append(escape(value)).append('"'));
        page.append(">\n<img width=\"").append(image.getWidth() / 2).append("\" alt=\"").append(escape(alt)).append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(Files.readAllBytes(png))).append("\">\n<figcaption>")
                .append(escape(caption)).append(" File: <code>").append(escape(png.getFileName().toString()))
                .append("</code></figcaption>\n</figure>\n");
    }

    /** One row of a table and its class ({@code baseline}, {@code significant} or none). */
    private record Line(List<String> cells, String kind) {
    }

    private static void table(StringBuilder page, String kind, List<String> header, List<Line> lines) {
        page.append("<table class=\"").append(kind).append("\">\n<thead><tr>");
        header.forEach(h -> page.append("<th>").append(escape(h)).append("</th>"));
        page.append("</tr></thead>\n<tbody>\n");
        for (Line line : lines) {
            page.append(line.kind().isEmpty() ? "<tr>" : "<tr class=\"" + line.kind() + "\">");
            for (int c = 0; c < line.cells().size(); c++) {
                // every column but the kernel's holds a number or a verdict: right-aligned
                page.append(c == 0 ? "<td>" : "<td class=\"num\">").append(escape(line.cells().get(c))).append("</td>");
            }
            page.append("</tr>\n");
        }
        page.append("</tbody>\n</table>\n");
    }

    private static void overviewTable(StringBuilder page, OverheadMatrix matrix) {
        boolean oneBaseline = matrix.commonBaseline().isPresent();
        page.append("<table class=\"overview\">\n<thead><tr><th>workload</th>");
        if (!oneBaseline) {
            page.append("<th>baseline</th>");
        }
        page.append("<th>baseline CV</th>");
        matrix.kernels().forEach(k -> page.append("<th>").append(escape(k)).append("</th>"));
        page.append("</tr></thead>\n<tbody>\n");
        for (OverheadMatrix.Row row : matrix.rows()) {
            page.append("<tr><td>").append(escape(row.workload())).append("</td>");
            if (!oneBaseline) {
                page.append("<td>").append(escape(row.baseline())).append("</td>");
            }
            page.append("<td class=\"num\">").append(escape(OverheadMatrixPlot.baselineCv(row))).append("</td>");
            for (String kernel : matrix.kernels()) {
                Optional<Effect> cell = row.cell(kernel);
                page.append(cell.map(e -> e.verdict().differs() ? "<td class=\"num significant\">" : "<td class=\"num\">").orElse("<td>"))
                        .append(cell.map(o -> escape(OverheadCells.matrixCell(o, row.measure()))).orElse("")).append("</td>");
            }
            page.append("</tr>\n");
        }
        page.append("</tbody>\n</table>\n");
        matrix.commonBaseline().ifPresent(b -> page.append("<p class=\"legend\">Baseline: ").append(escape(b)).append(".</p>\n"));
    }

    /** A workload's name as a file-name part and anchor: a path workload keeps its last part. */
    static String uniqueSlug(String workload, Set<String> used) {
        String base = workload.replaceFirst(".*/(?=[^/])", "").replaceAll("[^A-Za-z0-9._-]+", "_");
        if (base.isEmpty() || base.startsWith(".")) {
            base = "workload" + base;
        }
        String slug = base;
        for (int n = 2; !used.add(slug); n++) {
            slug = base + "-" + n;
        }
        return slug;
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
