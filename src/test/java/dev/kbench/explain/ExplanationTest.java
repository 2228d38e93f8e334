package dev.kbench.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ExplanationTest {

    /** 100 operations a run; the printed counts exceed the windows by a clock read's few instructions. */
    private static final KernelProfile CAPONLY = new KernelProfile("caponly", 100, List.of(
            new WindowSample(OptionalLong.of(123_390), Map.of("vfs_read", 60_000L, "security_file_permission", 1_900L, "user space", 61_400L)),
            new WindowSample(OptionalLong.of(123_392), Map.of("vfs_read", 60_000L, "security_file_permission", 1_900L, "user space", 61_400L))));
    private static final KernelProfile STACK = new KernelProfile("stack", 100, List.of(
            new WindowSample(OptionalLong.of(135_100), Map.of("vfs_read", 60_000L, "security_file_permission", 3_600L, "user space", 61_400L,
                    "apparmor_file_permission", 4_000L, "aa_file_perm", 3_700L, "bpf_lsm_file_permission", 300L, "__rcu_read_lock", 2_000L))));

    @Test
    void theFunctionsAreRankedByTheirDifferenceAndSumToTheWindowsDifference() {
        Explanation e = Explanation.of("read-small", CAPONLY, STACK);
        List<String> order = e.functions().stream().map(Explanation.Row::function).toList();
        assertEquals(List.of("apparmor_file_permission", "aa_file_perm", "__rcu_read_lock", "security_file_permission",
                "bpf_lsm_file_permission", "user space", "vfs_read"), order);
        assertEquals(117.0, e.functionsDifference(), 1e-9);
        assertEquals(STACK.windowPerOp() - CAPONLY.windowPerOp(), e.functionsDifference(), 1e-9);
        assertEquals(0, e.functions().stream().mapToDouble(e::share).sum() - 1, 1e-9);
        assertEquals(40.0 / 117, e.share(e.functions().get(0)), 1e-9);
    }

    @Test
    void whatTheWorkloadPrintedChecksTheSum() {
        Explanation e = Explanation.of("read-small", CAPONLY, STACK);
        assertEquals(1351.0 - 1233.91, e.printedDifference(), 1e-9);
        assertEquals(e.printedDifference() - 117.0, e.unexplained(), 1e-9);
        assertTrue(Math.abs(e.unexplainedShare()) < 0.01, "within 1 %: " + e.unexplainedShare());
    }

    @Test
    void withoutPrintedInstructionsNothingIsClaimedUnexplained() {
        KernelProfile tcg = new KernelProfile("tcg", 100, List.of(new WindowSample(OptionalLong.empty(), Map.of("vfs_read", 60_000L))));
        Explanation e = Explanation.of("read-small", CAPONLY, tcg);
        assertTrue(Double.isNaN(e.unexplained()));
        String verdict = new ExplanationTable(e, 5).verdict();
        assertTrue(verdict.contains("nothing checks that sum"), verdict);
        JsonNode json = ExplanationJson.of(e);
        assertFalse(json.get("difference").has("unexplained"));
        assertFalse(json.get("b").get("runs").get(0).has("printed"));
    }

    @Test
    void theTableListsTheTopFunctionsTheRestTheTotalsAndTheUnexplained() {
        ExplanationTable table = new ExplanationTable(Explanation.of("read-small", CAPONLY, STACK), 2);
        String text = table.text();
        assertTrue(text.contains("apparmor_file_permission"), text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("(5 other functions)") && l.contains("+40.0")), text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("all functions (the window)") && l.contains("1,233.0") && l.contains("+117.0")),
                text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("unexplained") && l.contains("+0.1")), text);
        assertFalse(text.contains("vfs_read"), "not in the top 2: " + text);
        assertTrue(table.verdict().contains("account for +117.0 of the +117.1"), table.verdict());
        assertTrue(table.verdict().matches(".*; [+-]0\\.[0-9]+ \\([+-]0\\.[0-9]+ %\\) is left unexplained"),
                "both the unexplained count and its share carry a sign, as docs/explain.md expects: " + table.verdict());
        String markdown = table.markdown();
        assertTrue(markdown.contains("| apparmor_file_permission | 0.0 | 40.0 | +40.0 | 34.2 % |"), markdown);
        assertThrows(IllegalArgumentException.class, () -> new ExplanationTable(Explanation.of("x", CAPONLY, STACK), 0));
    }

    @Test
    void theJsonHasEveryFunctionAndEachRun() {
        JsonNode json = ExplanationJson.of(Explanation.of("read-small", CAPONLY, STACK));
        assertEquals(7, json.get("functions").size());
        assertEquals(2, json.get("a").get("runs").size());
        assertEquals(123_300, json.get("a").get("runs").get(0).get("window").asLong());
        assertEquals(117.0, json.get("difference").get("functions").asDouble(), 1e-9);
        JsonNode first = json.get("functions").get(0);
        assertEquals("apparmor_file_permission", first.get("function").asText());
        assertEquals(List.of(0.0, 0.0), List.of(first.get("aRuns").get(0).asDouble(), first.get("aRuns").get(1).asDouble()));
        assertEquals(40.0, first.get("bRuns").get(0).asDouble(), 1e-9);
    }

    @Test
    void theChartHasABarPerTopFunctionTheRestAndTheUnexplainedWithNamesEscaped() {
        KernelProfile odd = new KernelProfile("<odd & kernel>", 100, STACK.samples());
        String svg = ExplanationChart.svg(Explanation.of("read-small", CAPONLY, odd), 3);
        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""), svg);
        assertEquals(3 + 1 + 1, svg.split("<rect x=").length - 1, "3 functions, the rest, the unexplained");
        assertTrue(svg.contains("&lt;odd &amp; kernel&gt;") && !svg.contains("<odd"), svg);
        assertTrue(svg.contains("(4 other functions)"), svg);
    }

    @Test
    void aProfileNeedsOperationsAndRuns() {
        assertThrows(IllegalArgumentException.class, () -> new KernelProfile("k", 0, CAPONLY.samples()));
        assertThrows(IllegalArgumentException.class, () -> new KernelProfile("k", 1, List.of()));
    }
}
