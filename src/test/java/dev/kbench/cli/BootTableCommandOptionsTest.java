package dev.kbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.ExitStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code kbench boot-table}'s options and its one-line errors for inputs that are missing or hold nothing. */
class BootTableCommandOptionsTest extends InProcessCliTest {

    @Test
    void helpListsTheInputAndTheOutput() {
        String help = help("boot-table");
        assertTrue(describe(help, "RESULT").startsWith("RESULT A boot log (*.jsonl)"), help);
        assertTrue(describe(help, "--out").endsWith("Default: the input's path without its extension."), help);
    }

    @Test
    void theOutputDefaultsToTheInputsPath() {
        BootTableCommand table = parse(BootTableCommand.class, "boot-table", "x.jsonl");
        assertEquals(Path.of("x.jsonl"), table.input);
        assertNull(table.output.out);
    }

    @Test
    void anInputIsRequired() {
        assertUsageError(execute("boot-table"), "boot-table", "Missing required parameter: 'RESULT'");
        assertUsageError(execute("boot-table", "a.jsonl", "b.jsonl"), "boot-table", "Unmatched argument at index 2: 'b.jsonl'");
    }

    @Test
    void aMissingBootLogIsOneLine() {
        assertOneLineError(execute("boot-table", "/no/such.jsonl"), ExitStatus.BAD_INPUT,
                "boot log not found: /no/such.jsonl (BootBenchmark and kbench boot write it; see $KBENCH_BOOT_LOG)");
    }

    @Test
    void aJmhFileWithoutItsBootLogIsOneLine() {
        assertOneLineError(execute("boot-table", "/no/such.json"), ExitStatus.BAD_INPUT, "no boot log beside /no/such.json (looked for such.boots.jsonl and"
                + " kbench-boots.jsonl): give the .jsonl that BootBenchmark or kbench boot wrote ($KBENCH_BOOT_LOG)");
    }

    @Test
    void aLogWithoutABootIsOneLine() throws Exception {
        Path empty = Files.writeString(tmp.resolve("empty.jsonl"), "");
        assertOneLineError(execute("boot-table", empty.toString()), ExitStatus.BAD_INPUT, "no boot in the log succeeded: nothing to summarise");
    }
}
