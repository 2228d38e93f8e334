package dev.kbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command's usage help renders cleanly: picocli formats descriptions with
 * {@code String.format}, so a lone {@code %} ("within 0.01 %") is a format specifier, and picocli
 * then writes a WARN on stderr before the help (its tracer writes to System.err, not to the
 * command line's err) and shows the text unformatted.
 */
class UsageHelpTest extends InProcessCliTest {

    @Test
    void theHelpOfEveryCommandRendersWithoutAPicocliWarning() {
        CommandLine top = Kbench.commandLine(settings());
        List<CommandLine> commands = new ArrayList<>();
        collect(top, commands);
        assertTrue(commands.size() > 15, "every command and subcommand: " + commands.size());

        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        PrintStream original = System.err;
        List<String> rendered = new ArrayList<>();
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        try {
            for (CommandLine command : commands) {
                StringWriter help = new StringWriter();
                command.usage(new PrintWriter(help, true));
                rendered.add(help.toString());
            }
        } finally {
            System.setErr(original);
        }
        assertEquals("", stderr.toString(StandardCharsets.UTF_8), "picocli's warnings while rendering the help");
        for (String help : rendered) {
            assertTrue(!help.contains("%n"), "an unformatted description:\n" + help);
        }
    }

    @Test
    void aPercentInTheTopCommandsHelpPrintsAsOne() {
        String help = execute("--help").out();
        assertTrue(help.contains("within 0.01 %, each VM runs one measured pass"), help);
    }

    private static void collect(CommandLine command, List<CommandLine> into) {
        into.add(command);
        for (Map.Entry<String, CommandLine> sub : command.getSubcommands().entrySet()) {
            // an alias names the same command again
            if (sub.getKey().equals(sub.getValue().getCommandName())) {
                collect(sub.getValue(), into);
            }
        }
    }
}
