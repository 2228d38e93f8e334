package dev.kbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.report.ReportPage;
import dev.kbench.results.format.ComparisonCells;
import dev.kbench.results.format.ComparisonMarkdown;
import dev.kbench.results.format.ComparisonText;
import dev.kbench.results.format.VerdictText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under icount a workload's value is guest instructions, so every verdict a person reads says so
 * ({@code faster (instructions)}), while the word other code and files compare stays {@code faster}.
 */
class InstructionVerdictsTest {

    private static final KernelRounds STOCK = new KernelRounds("stock", List.of(List.of(76257L), List.of(76258L), List.of(76256L), List.of(76259L)));
    private static final KernelRounds CAPONLY = new KernelRounds("caponly",
            List.of(List.of(64549L), List.of(64550L), List.of(64549L), List.of(64551L)));
    /** +0.48 %, real (q far below 0.05) but inside ±1 %: same, as context-switch/bpf under icount. */
    private static final KernelRounds BPF = new KernelRounds("bpf", List.of(List.of(76623L), List.of(76624L), List.of(76622L), List.of(76625L)));
    /** A line that names a verdict as a word. */
    private static final Pattern VERDICT = Pattern.compile("\\b(slower|faster|same)\\b");

    @TempDir
    Path tmp;

    private static Analysis analysis(Measure measure) {
        return Analysis.of(List.of(new WorkloadResults("eventfd", List.of(STOCK, CAPONLY), measure),
                new WorkloadResults("context-switch", List.of(STOCK, BPF), measure)), Criteria.DEFAULT);
    }

    /** Everything a person reads of an analysis: the console tables, the Markdown with its overview, the sentences. */
    private static List<String> rendered(Analysis analysis) {
        List<String> lines = new ArrayList<>();
        for (Comparison comparison : analysis.comparisons()) {
            lines.addAll(ComparisonText.of(comparison).lines().toList());
            lines.addAll(VerdictText.sentences(comparison));
        }
        lines.addAll(ComparisonMarkdown.of(analysis).lines().toList());
        return lines;
    }

    @Test
    void noIcountVerdictIsRenderedWithoutSayingInstructions() {
        List<String> lines = rendered(analysis(Measure.INSTRUCTIONS));
        List<String> verdictLines = lines.stream().filter(line -> VERDICT.matcher(line).find()).toList();
        assertTrue(verdictLines.size() >= 8, String.join("\n", lines));
        for (String line : verdictLines) {
            assertTrue(line.contains("(instructions)"), "an icount verdict that does not say it counts instructions: " + line);
        }
    }

    @Test
    void eachPlaceSaysItInItsOwnWords() {
        Analysis analysis = analysis(Measure.INSTRUCTIONS);
        Comparison eventfd = analysis.comparisons().get(0);
        String text = ComparisonText.of(eventfd);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("caponly ") && l.endsWith("  faster (instructions)")), text);
        assertTrue(text.lines().findFirst().orElseThrow().contains(" mean (instructions) "), text);
        assertTrue(text.contains("Verdict (threshold 1%): slower/faster (instructions) = q < 0.05"), text);
        assertTrue(text.contains("Values are guest instructions (icount), not time: slower/faster mean more/fewer instructions executed."), text);
        assertEquals(List.of("caponly is 15.35 % faster (instructions) than stock [-15.36 %, -15.35 %]"), VerdictText.sentences(eventfd));
        String markdown = ComparisonMarkdown.of(analysis);
        assertTrue(markdown.contains("| **-15.4% faster (instructions)** |"), markdown);
        assertTrue(markdown.contains("slower or faster (instructions) (bold)"), markdown);
    }

    @Test
    void theMachinesWordStaysOneWord() {
        Effect effect = analysis(Measure.INSTRUCTIONS).comparisons().get(0).rows().get(1).effect().orElseThrow();
        assertEquals(Verdict.FASTER, effect.verdict());
        assertEquals("faster", effect.verdict().word());
    }

    @Test
    void timeIsReadAsBefore() {
        for (String line : rendered(analysis(Measure.TIME))) {
            assertFalse(line.contains("instructions"), line);
        }
        assertEquals(List.of("caponly is 15.35 % faster than stock [-15.36 %, -15.35 %]"),
                VerdictText.sentences(analysis(Measure.TIME).comparisons().get(0)));
    }

    @Test
    void aSignificantSameSaysWhyItIsSame() {
        Comparison contextSwitch = analysis(Measure.INSTRUCTIONS).comparisons().get(1);
        Effect effect = contextSwitch.rows().get(1).effect().orElseThrow();
        assertEquals(Verdict.SAME, effect.verdict());
        assertTrue(effect.qValue() < Criteria.ALPHA, "q " + effect.qValue());
        assertTrue(ComparisonCells.legend(contextSwitch).contains(
                "Same with q < 0.05: a real difference, but its whole CI lies inside +/-1%, smaller than what matters."), ComparisonCells.legend(contextSwitch));
        assertTrue(VerdictText.sentences(contextSwitch).get(0).endsWith(", a real difference smaller than what matters"), VerdictText.sentences(contextSwitch).get(0));
        assertTrue(ComparisonMarkdown.of(analysis(Measure.INSTRUCTIONS)).contains("Same with q < 0.05: a real difference, but its whole CI lies inside ±1%"));
        // a same that is not significant needs no such word
        Comparison eventfd = analysis(Measure.INSTRUCTIONS).comparisons().get(0);
        assertFalse(ComparisonCells.legend(eventfd).contains("Same with q"), ComparisonCells.legend(eventfd));
    }

    @Test
    void theReportPageSaysInstructions() throws Exception {
        Path input = Path.of(InstructionVerdictsTest.class.getResource("/results/jmh-workload.json").toURI());
        Analysis analysis = analysis(Measure.INSTRUCTIONS);
        List<WorkloadResults> workloads = List.of(new WorkloadResults("eventfd", List.of(STOCK, CAPONLY), Measure.INSTRUCTIONS),
                new WorkloadResults("context-switch", List.of(STOCK, BPF), Measure.INSTRUCTIONS));
        String html = Files.readString(ReportPage.write(workloads, analysis.criteria(), List.of(input), tmp.resolve("r.html")).html());
        assertTrue(html.contains("<td class=\"num\">faster (instructions)</td>"), "the comparison table");
        assertTrue(html.contains("-15.4% faster (instructions)</td>"), "the overview table");
        assertTrue(html.contains("slower or faster (instructions) (bold)"), "the overview's legend");
        assertTrue(html.contains("Same with q &lt; 0.05"), "why a significant cell is same");
        assertTrue(html.contains("Verdicts: slower or faster (instructions) when"), "the page's criteria");
    }

    @Test
    void aResultSaysWhatItCountedFromItsSetupItsParametersOrItsUnit() throws Exception {
        // the balanced re-run has its setup beside it; the first icount run has only its units
        for (String folder : List.of("icount-balanced", "icount")) {
            for (WorkloadResults workload : JmhResults.workloads(List.of(Path.of("docs/lsm-cost", folder, "lsm-cost.json")))) {
                assertEquals(Measure.INSTRUCTIONS, workload.measure(), folder + " " + workload.name());
            }
        }
        for (String folder : List.of("tcg-balanced", "tcg")) {
            for (WorkloadResults workload : JmhResults.workloads(List.of(Path.of("docs/lsm-cost", folder, "lsm-cost.json")))) {
                assertEquals(Measure.TIME, workload.measure(), folder + " " + workload.name());
            }
        }
        // an icount file and a TCG one compared: a count against a time is no verdict on instructions
        List<WorkloadResults> mixed = JmhResults.workloads(List.of(Path.of("docs/lsm-cost/icount-balanced/lsm-cost.json"),
                Path.of("docs/lsm-cost/tcg-balanced/lsm-cost.json")));
        assertEquals(Measure.TIME, mixed.get(0).measure());
    }
}
