package dev.kbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code kbench} itself: its help lists every command, and an unknown command is a usage error. */
class KbenchOptionsTest extends InProcessCliTest {

    @Test
    void helpListsEveryCommand() {
        Outcome o = execute("--help");
        assertEquals(0, o.status(), o.err());
        assertTrue(o.out().startsWith("Usage: kbench [-hV] [COMMAND]\n"), o.out());
        for (String command : List.of("run", "demo", "lsm-cost", "csv", "boot", "boot-table", "vmlinux", "report", "help")) {
            assertTrue(o.out().contains("\n  " + command + " "), command + " in:\n" + o.out());
        }
    }

    @Test
    void theHelpCommandShowsACommandsHelp() {
        assertTrue(assertHelp(execute("help", "demo"), "demo").contains("Default: 10."));
    }

    @Test
    void noCommandPrintsTheUsageAndIsAUsageError() {
        for (String[] args : List.of(new String[0], new String[] {"kernel"}, new String[] {"k8s"})) {
            Outcome o = execute(args);
            assertEquals(2, o.status(), o.err());
            assertEquals("", o.out());
            String command = String.join(" ", List.of(args));
            assertTrue(o.err().startsWith("kbench: usage error: no command given (see '" + ("kbench " + command).strip() + " --help')\nUsage: kbench"), o.err());
        }
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        Outcome o = execute("bench");
        assertEquals(2, o.status());
        assertEquals("kbench: usage error: Unmatched argument at index 0: 'bench' (see 'kbench --help')\n", o.err());
    }
}
