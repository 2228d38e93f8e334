package dev.kbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code kbench report}'s options (its output and errors on real inputs are {@link ReportCommandTest}'s). */
class ReportCommandOptionsTest extends InProcessCliTest {

    @Test
    void helpListsTheInputsAndTheDefaultOutput() {
        String help = help("report");
        assertTrue(help.startsWith("Usage: kbench report [-hV] [-o=<out>] RESULT...\n"), help);
        assertTrue(describe(help, "RESULT...").startsWith("RESULT... JMH JSON result files"), help);
        assertTrue(describe(help, "--out").endsWith("(default: report.html)"), help);
    }

    @Test
    void takesSeveralInputsAndWritesReportHtmlByDefault() {
        ReportCommand report = parse(ReportCommand.class, "report", "a.json", "b.json");
        assertEquals(List.of(Path.of("a.json"), Path.of("b.json")), report.inputs);
        assertEquals(Path.of("report.html"), report.out);
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        assertUsageError(execute("report", "a.json", "--format", "pdf"), "report", "Unknown option: '--format'");
    }
}
