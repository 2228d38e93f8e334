package dev.kbench.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kbench.results.Comparison;
import dev.kbench.results.JmhResults;
import dev.kbench.results.KernelRounds;
import dev.kbench.results.Overhead;
import dev.kbench.results.RoundTime;
import dev.kbench.results.RunLog;
import dev.kbench.results.RunPhase;
import dev.kbench.results.RunRecord;
import dev.kbench.results.WorkloadResults;
import dev.kbench.results.format.ComparisonCells;
import dev.kbench.results.format.ComparisonMarkdown;
import dev.kbench.results.format.OverheadCells;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report from the recorded JMH results: every number in its tables is recomputed from the
 * raw runs by {@link ExpectedTables}, with the formulas written out, not through
 * {@link Comparison} or {@link Overhead}.
 */
public class ReportPageTest {

    /** The runs of the real recording, jmh-workload.json, and of its derived second machine, jmh-workload-b.json. */
    private static final List<List<Long>> STOCK_A = List.of(List.of(1365426L, 1158912L), List.of(1109367L, 1193250L));
    private static final List<List<Long>> CAPONLY_A = List.of(List.of(1403207L, 995663L), List.of(1040828L, 977113L));
    private static final List<List<Long>> STOCK_B = List.of(List.of(1119649L, 950308L), List.of(909681L, 978465L));
    private static final List<List<Long>> CAPONLY_B = List.of(List.of(1108534L, 786574L), List.of(822254L, 771919L));

    @TempDir
    Path tmp;

    public static Path resource(String name) throws Exception {
        return Path.of(ReportPageTest.class.getResource("/results/" + name).toURI());
    }

    @Test
    void oneFileGivesOneWorkloadWithItsKernelsAndExactNumbers() throws Exception {
        Path a = resource("jmh-workload.json");
        ReportPage.Written written = ReportPage.write(JmhResults.workloads(List.of(a)), List.of(a), tmp.resolve("report.html"));
        String html = Files.readString(written.html());
        assertEquals(List.of(tmp.resolve("report-eventfd-runs.png"), tmp.resolve("report-eventfd-overhead.png")),
                written.plots().stream().map(Path::toAbsolutePath).toList());
        assertTrue(html.contains("<h2>Workload <code>eventfd</code></h2>"), html);

        List<List<String>> table = table(html, "comparison");
        assertEquals(ComparisonCells.HEADER, table.get(0));
        assertEquals(ExpectedTables.comparison(List.of("stock", "caponly"), List.of(STOCK_A, CAPONLY_A)), table.subList(1, table.size()));

        List<List<String>> overhead = table(html, "overhead");
        assertEquals(OverheadCells.HEADER, overhead.get(0));
        assertEquals(ExpectedTables.overhead("caponly", CAPONLY_A, STOCK_A, List.of(STOCK_A, CAPONLY_A)), overhead.get(1));
        assertEquals(2, overhead.size());
    }

    @Test
    void theHeaderSaysWhereTheExperimentsTimeWentFromTheRunLogBesideTheFile() throws Exception {
        Path json = tmp.resolve("run.json");
        Files.copy(resource("jmh-workload.json"), json);
        ReportPage.write(JmhResults.workloads(List.of(json)), List.of(json), tmp.resolve("before.html"));
        assertTrue(Files.readString(tmp.resolve("before.html")).contains("not recorded"), "no run log, nothing claimed");
        long s = 1_000_000_000L;
        try (RunLog log = RunLog.appendTo(tmp.resolve("run.runs.jsonl"))) {
            RoundTime spent = new RoundTime(20 * s, 2 * s, 70 * s, s / 10);
            log.append(new RunRecord("t", "b", "stock", "eventfd", "vm", "tcg", RunPhase.ROUND, 0, null, spent.totalNs(), null, 0, 0, spent, null));
            log.append(new RunRecord("t", null, null, null, null, null, RunPhase.EXPERIMENT, 0, null, 100 * s, null, null, null, null, null));
        }
        ReportPage.Written written = ReportPage.write(JmhResults.workloads(List.of(json)), List.of(json), tmp.resolve("report.html"));
        assertTrue(Files.readString(written.html()).contains("boots 20 %, setup 2 %, runs 70 %, teardown 0.1 %, kbench 8 % of 1 min 40 s (1 round)"),
                "the time line in the header");
    }

    @Test
    void twoFilesAreComparedWithTheFileInEveryKernelsName() throws Exception {
        Path a = resource("jmh-workload.json");
        Path b = resource("jmh-workload-b.json");
        List<WorkloadResults> workloads = JmhResults.workloads(List.of(a, b));
        assertEquals(1, workloads.size());
        ReportPage.Written written = ReportPage.write(workloads, List.of(a, b), tmp.resolve("two.html"));
        String html = Files.readString(written.html());

        List<List<String>> table = table(html, "comparison");
        assertEquals(5, table.size());
        // three comparisons against stock @ a, their variance pooled over the four kernels (times, three or more kernels);
        // their p-values are adjusted together (Benjamini-Hochberg)
        assertEquals(ExpectedTables.comparison(List.of("stock @ jmh-workload.json", "caponly @ jmh-workload.json", "stock @ jmh-workload-b.json",
                "caponly @ jmh-workload-b.json"), List.of(STOCK_A, CAPONLY_A, STOCK_B, CAPONLY_B)), table.subList(1, table.size()));
        assertTrue(html.contains("significant after Benjamini-Hochberg correction (over the 3 tested comparisons of this page)"), html);

        List<List<String>> overhead = table(html, "overhead");
        List<List<List<Long>>> all = List.of(STOCK_A, CAPONLY_A, STOCK_B, CAPONLY_B);
        assertEquals(List.of(OverheadCells.HEADER, ExpectedTables.overhead("caponly @ jmh-workload.json", CAPONLY_A, STOCK_A, all),
                ExpectedTables.overhead("stock @ jmh-workload-b.json", STOCK_B, STOCK_A, all),
                ExpectedTables.overhead("caponly @ jmh-workload-b.json", CAPONLY_B, STOCK_A, all)), overhead);
        // a worked figure, so a wrong formula in both places cannot pass: machine b's stock is 18.00%
        // faster (every run was scaled by 0.82, then rounded to an integer)
        assertEquals("-18.00%", overhead.get(2).get(1));
    }

    @Test
    void thePlotsAreEmbeddedAndWrittenBeside() throws Exception {
        Path a = resource("jmh-workload.json");
        Path b = resource("jmh-workload-b.json");
        ReportPage.Written written = ReportPage.write(JmhResults.workloads(List.of(a, b)), List.of(a, b), tmp.resolve("out/r.html"));
        String html = Files.readString(written.html());
        Matcher img = Pattern.compile("<img width=\"1000\" alt=\"([^\"]+)\" src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\">").matcher(html);
        List<byte[]> embedded = new ArrayList<>();
        while (img.find()) {
            embedded.add(Base64.getDecoder().decode(img.group(2)));
        }
        assertEquals(2, embedded.size());
        assertEquals(2, written.plots().size());
        for (int i = 0; i < 2; i++) {
            byte[] file = Files.readAllBytes(written.plots().get(i));
            assertEquals(tmp.resolve("out"), written.plots().get(i).getParent());
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(file, 4));
            assertArrayEquals(file, embedded.get(i), "the page embeds the very PNG written beside it");
        }
        // self-contained: nothing to fetch, nothing to run
        for (String outside : List.of("http:", "https:", "<script", "<link", "@import", "url(")) {
            assertFalse(html.contains(outside), outside);
        }
    }

    @Test
    void theTableHasComparisonsMarkdownCells() throws Exception {
        List<KernelRounds> kernels = JmhResults.workloads(List.of(resource("jmh-workload.json"), resource("jmh-workload-b.json"))).get(0).kernels();
        Comparison comparison = Comparison.of(kernels);
        String[] markdown = ComparisonMarkdown.table(comparison).split("\n");
        // four kernels' times: the p column names the pooled test
        assertEquals("| " + String.join(" | ", ComparisonCells.HEADER).replace("p (Welch, logs)", "p (pooled, logs)") + " |", markdown[0]);
        for (int i = 0; i < comparison.rows().size(); i++) {
            assertEquals(markdown[i + 2], "| " + String.join(" | ", ComparisonCells.of(comparison).get(i)) + " |");
        }
    }

    @Test
    void eachWorkloadHasItsOwnSectionAndVaryingParametersJoinTheName() throws Exception {
        // the real recording with its second kernel moved to another workload
        ObjectMapper json = new ObjectMapper();
        ArrayNode results = (ArrayNode) json.readTree(resource("jmh-workload.json").toFile());
        ((ObjectNode) results.get(1).path("params")).put("workload", "/opt/bench/my workload");
        Path mixed = tmp.resolve("mixed.json");
        json.writeValue(mixed.toFile(), results);
        List<WorkloadResults> workloads = JmhResults.workloads(List.of(mixed));
        assertEquals(List.of("eventfd", "/opt/bench/my workload"), workloads.stream().map(WorkloadResults::name).toList());
        ReportPage.Written written = ReportPage.write(workloads, List.of(mixed), tmp.resolve("mixed.html"));
        String html = Files.readString(written.html());
        assertTrue(html.contains("<section class=\"workload\" id=\"my_workload\">"), html);
        assertTrue(html.contains("Only one kernel ran this workload"), html);
        // one kernel a workload: a box plot each and no overhead to draw
        assertEquals(List.of("mixed-eventfd-runs.png", "mixed-my_workload-runs.png"),
                written.plots().stream().map(p -> p.getFileName().toString()).toList());

        List<String> sweep = JmhResults.workloads(List.of(resource("jmh-sweep.json"))).get(0).kernels().stream().map(KernelRounds::kernel).toList();
        assertEquals(List.of("stock [mem=256]", "caponly [mem=256]", "stock [mem=512]", "caponly [mem=512]"), sweep);
    }

    @Test
    void kernelNamesAreEscaped() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ArrayNode results = (ArrayNode) json.readTree(resource("jmh-workload.json").toFile());
        ((ObjectNode) results.get(1).path("params")).put("kernel", "<b>a&b</b>");
        Path odd = tmp.resolve("odd.json");
        json.writeValue(odd.toFile(), results);
        String html = Files.readString(ReportPage.write(JmhResults.workloads(List.of(odd)), List.of(odd), tmp.resolve("odd.html")).html());
        assertTrue(html.contains("<td>&lt;b&gt;a&amp;b&lt;/b&gt;</td>"), html);
        assertFalse(html.contains("<b>a&b</b>"));
    }

    @Test
    void filesThatAreMissingOrNotJmhResultsAreNamed() throws Exception {
        Path missing = tmp.resolve("nope.json");
        assertEquals("result file not found: " + missing, assertThrows(IOException.class, () -> JmhResults.workloads(List.of(missing))).getMessage());
        Path csv = Files.writeString(tmp.resolve("lsm-perf.csv"), "kernel path,round,run 0\nstock,0,1\n");
        String notJson = assertThrows(IOException.class, () -> JmhResults.workloads(List.of(resource("jmh-workload.json"), csv))).getMessage();
        assertTrue(notJson.startsWith(csv + " is not a JMH JSON result file: "), notJson);
        assertFalse(notJson.contains("\n"), notJson);
        Path object = Files.writeString(tmp.resolve("o.json"), "{\"benchmark\": \"x\"}");
        assertTrue(assertThrows(IOException.class, () -> JmhResults.workloads(List.of(object))).getMessage().contains("run JMH with -rf json"));
        Path boots = Files.writeString(tmp.resolve("boot.json"), "[{\"benchmark\": \"b\", \"params\": {\"kernel\": \"k\"}, \"secondaryMetrics\": {}}]");
        assertEquals(boots + " holds no 'workloadOutput' results: was it written by kbench's WorkloadBenchmark?",
                assertThrows(IOException.class, () -> JmhResults.workloads(List.of(boots))).getMessage());
    }

    /** The cells of the table with this class, header first, entities decoded. */
    static List<List<String>> table(String html, String kind) {
        Matcher table = Pattern.compile("<table class=\"" + kind + "\">(.*?)</table>", Pattern.DOTALL).matcher(html);
        assertTrue(table.find(), "no table " + kind);
        List<List<String>> rows = new ArrayList<>();
        Matcher row = Pattern.compile("<tr[^>]*>(.*?)</tr>", Pattern.DOTALL).matcher(table.group(1));
        while (row.find()) {
            List<String> cells = new ArrayList<>();
            Matcher cell = Pattern.compile("<t[hd][^>]*>(.*?)</t[hd]>", Pattern.DOTALL).matcher(row.group(1));
            while (cell.find()) {
                cells.add(cell.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&"));
            }
            rows.add(cells);
        }
        return rows;
    }
}
