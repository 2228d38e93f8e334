package dev.kbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.ExitStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code kbench csv}'s options and its one-line errors for inputs that are missing or are not results. */
class CsvCommandOptionsTest extends InProcessCliTest {

    @Test
    void helpListsTheInputAndTheDefaultOutput() {
        String help = help("csv");
        assertTrue(describe(help, "RESULT").startsWith("RESULT JMH JSON result file"), help);
        assertTrue(describe(help, "--out").endsWith("Default: lsm-perf.csv."), help);
    }

    @Test
    void theOutputDefaultsToLsmPerfsName() {
        CsvCommand csv = parse(CsvCommand.class, "csv", "x.json");
        assertEquals(Path.of("x.json"), csv.input);
        assertEquals(Path.of("lsm-perf.csv"), csv.output.out);
    }

    @Test
    void anInputIsRequired() {
        assertUsageError(execute("csv"), "csv", "Missing required parameter: 'RESULT'");
    }

    @Test
    void aMissingFileIsOneLine() {
        assertOneLineError(execute("csv", "/no/such.json", "-o", tmp.resolve("o.csv").toString()), ExitStatus.BAD_INPUT, "result file not found: /no/such.json");
        assertOneLineError(execute("csv", tmp.toString(), "-o", tmp.resolve("o.csv").toString()), ExitStatus.BAD_INPUT, "result file not found: " + tmp);
    }

    @Test
    void aFileThatIsNotJmhJsonIsOneLine() throws Exception {
        Path text = Files.writeString(tmp.resolve("notes.json"), "not json\n");
        assertOneLineErrorStartingWith(execute("csv", text.toString(), "-o", tmp.resolve("o.csv").toString()), ExitStatus.BAD_INPUT,
                text + " is not a JMH JSON result file: ");
        Path object = Files.writeString(tmp.resolve("object.json"), "{}\n");
        assertOneLineError(execute("csv", object.toString(), "-o", tmp.resolve("o.csv").toString()), ExitStatus.BAD_INPUT,
                object + " is not a JMH JSON result file (expected a JSON array of results; run JMH with -rf json)");
        assertTrue(Files.notExists(tmp.resolve("o.csv")), "nothing written on an error");
    }

    @Test
    void aRunLogWithoutAMeasuredRunIsOneLine() throws Exception {
        // one line that is no record: read as a torn last line, so the log holds nothing
        Path log = Files.writeString(tmp.resolve("notes.jsonl"), "not json\n");
        assertOneLineError(execute("csv", log.toString(), "-o", tmp.resolve("o.csv").toString()), ExitStatus.BAD_INPUT,
                "no measured run in " + log + ": nothing to write (is it kbench's run log?)");
        assertTrue(Files.notExists(tmp.resolve("o.csv")), "no empty CSV written");
    }
}
