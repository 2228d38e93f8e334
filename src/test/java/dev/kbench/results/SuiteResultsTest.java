package dev.kbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.guest.GuestImage;
import dev.kbench.guest.WorkloadSuite;
import dev.kbench.report.ReportPage;
import dev.kbench.report.ReportPageTest;
import dev.kbench.results.format.OverheadMatrixMarkdown;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A suite's JMH JSON (SuiteBenchmark with the SuiteOutputs profiler): one result per kernel,
 * one secondary metric per workload. jmh-suite.json is a real recording of
 * {@code kbench lsm-cost -w getppid,eventfd -k caponly,stack --rounds 2 --runs 1 --warmups 0}.
 */
class SuiteResultsTest {

    private static final List<List<Long>> CAPONLY_GETPPID = List.of(List.of(788473810L), List.of(1246413510L));
    private static final List<List<Long>> STACK_EVENTFD = List.of(List.of(1279016L), List.of(1129821L));

    @TempDir
    Path tmp;

    @Test
    void reportSplitsTheSuiteIntoWorkloadsInTheSuitesOrder() throws Exception {
        List<WorkloadResults> workloads = JmhResults.workloads(List.of(ReportPageTest.resource("jmh-suite.json")));
        // JMH writes the metrics alphabetically (eventfd first); the suite ran getppid first
        assertEquals(List.of("getppid", "eventfd"), workloads.stream().map(WorkloadResults::name).toList());
        WorkloadResults getppid = workloads.get(0);
        assertEquals(List.of("caponly", "stack"), getppid.kernels().stream().map(KernelRounds::kernel).toList());
        assertEquals(CAPONLY_GETPPID, getppid.kernels().get(0).rounds());
        assertEquals(STACK_EVENTFD, workloads.get(1).kernels().get(1).rounds());
    }

    @Test
    void reportPageHasASectionAndPlotsPerWorkload() throws Exception {
        Path json = ReportPageTest.resource("jmh-suite.json");
        ReportPage.Written written = ReportPage.write(JmhResults.workloads(List.of(json)), List.of(json), tmp.resolve("r.html"));
        String html = Files.readString(written.html());
        assertTrue(html.indexOf("id=\"getppid\"") < html.indexOf("id=\"eventfd\""), "getppid's section comes first");
        assertEquals(List.of("r-overview.png", "r-getppid-runs.png", "r-getppid-overhead.png", "r-eventfd-runs.png", "r-eventfd-overhead.png"),
                written.plots().stream().map(p -> p.getFileName().toString()).toList());
        // overview cell of stack on eventfd: geometric means of round means sqrt(1279016 * 1129821) against
        // sqrt(1020966 * 1023332) => +17.61 %, inconclusive with 2 rounds each (t(0.975, ~1) is 12.7)
        String overview = html.substring(html.indexOf("<table class=\"overview\">"), html.indexOf("</table>", html.indexOf("<table class=\"overview\">")));
        assertTrue(overview.contains("<tr><td>eventfd</td><td class=\"num\">0.16%</td><td class=\"num\">+17.6% inconclusive</td></tr>"), overview);
        assertTrue(html.contains("Baseline: caponly."), "one baseline, named once");
        // getppid's baseline round means 788473810 and 1246413510: a CV of 31.8 % moves that whole row, and the row says so
        assertTrue(overview.contains("<tr><td>getppid</td><td class=\"num\">31.8%</td>"), overview);
    }

    @Test
    void overviewMatrixInMarkdown() throws Exception {
        OverheadMatrix matrix = OverheadMatrix.of(Analysis.of(JmhResults.workloads(List.of(ReportPageTest.resource("jmh-suite.json"))),
                Criteria.DEFAULT));
        assertEquals(List.of("stack"), matrix.kernels());
        // getppid: round means 788473810 and 1246413510 (caponly), 831231940 and 1031936140 (stack): the ratio of
        // their geometric means, sqrt(831231940 * 1031936140) / sqrt(788473810 * 1246413510) - 1, is -6.58 %
        assertTrue(OverheadMatrixMarkdown.of(matrix).startsWith("| workload | stack |\n| --- | ---: |\n| getppid | -6.6% inconclusive |\n| eventfd | +17.6% inconclusive |\n"),
                OverheadMatrixMarkdown.of(matrix));
    }

    @Test
    void csvNamesEachKernelWithItsWorkload() throws Exception {
        List<KernelRounds> rows = JmhResults.read(ReportPageTest.resource("jmh-suite.json"));
        assertEquals(List.of("caponly [workload=getppid]", "caponly [workload=eventfd]", "stack [workload=getppid]", "stack [workload=eventfd]"),
                rows.stream().map(KernelRounds::kernel).toList());
        assertEquals(CAPONLY_GETPPID, rows.get(0).rounds());
        assertEquals(STACK_EVENTFD, rows.get(3).rounds());
    }

    @Test
    void suiteSpecificationsExpandAndKeepTheirOrder() throws Exception {
        assertEquals(List.of("getppid", "eventfd", "/tmp/x"), WorkloadSuite.parse("getppid:eventfd:/tmp/x"));
        assertEquals(List.of("fork", "exec"), WorkloadSuite.parse("fork,exec,fork"));
        List<String> all = WorkloadSuite.parse("all");
        assertEquals(GuestImage.builtInWorkloads(), all);
        assertTrue(all.size() >= 25 && all.contains("getppid") && all.contains("epoll-1000"), all.toString());
        assertEquals(all, WorkloadSuite.parse(WorkloadSuite.format(all)));
        assertThrows(IllegalArgumentException.class, () -> WorkloadSuite.parse(" : "));
    }
}
