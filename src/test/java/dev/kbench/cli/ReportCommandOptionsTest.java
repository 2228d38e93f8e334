package dev.kbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.results.Correction;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code kbench report}'s options (its output and errors on real inputs are {@link ReportCommandTest}'s). */
class ReportCommandOptionsTest extends InProcessCliTest {

    @Test
    void helpListsTheInputsAndTheDefaultOutput() {
        String help = help("report");
        assertTrue(help.startsWith("Usage: kbench report [-hV] [--correction=bh|holm|none] [-o=OUT] [--threshold=PCT] RESULT...\n"), help);
        assertTrue(describe(help, "RESULT...").startsWith("RESULT... JMH JSON result files"), help);
        assertTrue(describe(help, "--out").endsWith("Default: report.html."), help);
    }

    @Test
    void takesSeveralInputsAndWritesReportHtmlByDefault() {
        ReportCommand report = parse(ReportCommand.class, "report", "a.json", "b.json");
        assertEquals(List.of(Path.of("a.json"), Path.of("b.json")), report.inputs);
        assertEquals(Path.of("report.html"), report.output.out);
        assertEquals(Correction.BH, report.verdict.correction);
        assertEquals(1.0, report.verdict.threshold);
    }

    @Test
    void takesTheCorrectionAndTheThreshold() {
        ReportCommand report = parse(ReportCommand.class, "report", "a.json", "--correction", "holm", "--threshold", "2.5");
        assertEquals(Correction.HOLM, report.verdict.correction);
        assertEquals(2.5, report.verdict.threshold);
        assertEquals(Correction.NONE, parse(ReportCommand.class, "report", "a.json", "--correction", "none").verdict.correction);
    }

    @Test
    void aBadCorrectionOrThresholdIsAUsageError() {
        assertUsageError(execute("report", "a.json", "--correction", "bonferroni"), "report",
                "Invalid value for option '--correction': unknown correction 'bonferroni': use bh, holm or none");
        assertUsageError(execute("report", "a.json", "--threshold", "-1"), "report",
                "Invalid value for option '--threshold': '-1' is negative: give a percentage of 0 or more, e.g. 1 or 0.5%");
        assertUsageError(execute("report", "a.json", "--threshold", "100%"), "report",
                "Invalid value for option '--threshold': '100': use a percentage from 0 up to, not including, 100");
    }

    @Test
    void theThresholdTakesAPercentSign() {
        assertEquals(2.5, parse(ReportCommand.class, "report", "a.json", "--threshold", "2.5%").verdict.threshold);
        assertEquals(0.0, parse(ReportCommand.class, "report", "a.json", "--threshold", "0 %").verdict.threshold);
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        assertUsageError(execute("report", "a.json", "--format", "pdf"), "report", "Unknown option: '--format'");
    }
}
