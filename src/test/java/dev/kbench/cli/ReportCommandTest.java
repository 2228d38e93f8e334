package dev.kbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.ExitStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code kbench report}: what it prints, and one-line errors for bad input. */
class ReportCommandTest extends InProcessCliTest {

    private static String resource(String name) throws Exception {
        return Path.of(ReportCommandTest.class.getResource("/results/" + name).toURI()).toString();
    }

    @Test
    void writesThePageAndSaysWhatItWrote() throws Exception {
        Path html = tmp.resolve("cmp.html");
        Outcome o = execute("report", resource("jmh-workload.json"), resource("jmh-workload-b.json"), "-o", html.toString());
        assertEquals(0, o.status(), o.err());
        assertEquals("kbench: wrote " + html + " (1 workload, 4 kernel results from 2 files)\n"
                + "kbench: wrote " + tmp.resolve("cmp.md") + " (the tables in Markdown)\n"
                + "kbench: wrote " + tmp.resolve("cmp-eventfd-runs.png") + "\n"
                + "kbench: wrote " + tmp.resolve("cmp-eventfd-overhead.png") + "\n", o.out());
        assertTrue(Files.readString(html).contains("caponly @ jmh-workload-b.json"));
        String markdown = Files.readString(tmp.resolve("cmp.md"));
        assertTrue(markdown.startsWith("# eventfd\n\n| kernel |") && markdown.contains("| caponly @ jmh-workload-b.json |"), markdown);
    }

    @Test
    void theCorrectionAndThresholdGoIntoTheTablesLegends() throws Exception {
        Path html = tmp.resolve("holm.html");
        Outcome o = execute("report", resource("jmh-workload.json"), resource("jmh-workload-b.json"), "-o", html.toString(),
                "--correction", "holm", "--threshold", "2.5");
        assertEquals(0, o.status(), o.err());
        String markdown = Files.readString(tmp.resolve("holm.md"));
        assertTrue(markdown.contains("q: p adjusted by Holm over 3 tested comparisons."), markdown);
        assertTrue(markdown.contains("Verdict (threshold 2.5%)"), markdown);
        assertTrue(Files.readString(html).contains("significant after Holm correction"));
    }

    @Test
    void aMissingFileIsOneLine() {
        Path missing = tmp.resolve("missing.json");
        Outcome o = execute("report", missing.toString(), "-o", tmp.resolve("r.html").toString());
        assertEquals(ExitStatus.BAD_INPUT.code(), o.status());
        assertEquals("kbench: error: result file not found: " + missing + "\n", o.err());
        assertTrue(Files.notExists(tmp.resolve("r.html")), "nothing written on an error");
    }

    @Test
    void aFileThatIsNotJmhJsonIsOneLine() throws Exception {
        Path csv = Files.writeString(tmp.resolve("lsm-perf.csv"), "kernel path,round,run 0\nstock,0,1\n");
        Outcome o = execute("report", csv.toString(), "-o", tmp.resolve("r.html").toString());
        assertEquals(ExitStatus.BAD_INPUT.code(), o.status());
        assertTrue(o.err().startsWith("kbench: error: " + csv + " is not a JMH JSON result file: "), o.err());
        assertEquals(1, o.err().lines().count(), o.err());
    }

    @Test
    void noFileIsAUsageError() {
        Outcome o = execute("report");
        assertEquals(2, o.status());
        assertTrue(o.err().contains("Missing required parameter: 'RESULT'"), o.err());
    }
}
