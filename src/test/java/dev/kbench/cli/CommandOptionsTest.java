package dev.kbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every option name of every command is declared once: a name means one thing with one
 * declaration, whichever command takes it; commands differ only in their defaults and wording.
 */
class CommandOptionsTest extends InProcessCliTest {

    @Test
    void eachOptionNameHasOneDeclaration() {
        Map<String, Set<Object>> declarations = new TreeMap<>();
        List<CommandLine> commands = new ArrayList<>();
        collect(Kbench.commandLine(settings()), commands);
        for (CommandLine command : commands) {
            for (OptionSpec option : command.getCommandSpec().options()) {
                if (option.usageHelp() || option.versionHelp()) {
                    continue;
                }
                for (String name : option.names()) {
                    declarations.computeIfAbsent(name, n -> new HashSet<>()).add(option.userObject());
                }
            }
        }
        assertTrue(declarations.containsKey("--out") && declarations.containsKey("--accel"), declarations.keySet().toString());
        declarations.forEach((name, where) -> assertEquals(1, where.size(), name + " is declared in " + where));
    }

    @Test
    void theCommandsDefaultsDifferWhereTheySay() {
        assertEquals("Default: tcg.", tail(describe(help("soak"), "--accel")));
        assertEquals("Default: auto.", tail(describe(help("boot"), "--accel")));
        assertEquals("Default: 1000.", tail(describe(help("soak"), "--boots")));
        assertEquals("Default: 10.", tail(describe(help("boot"), "--boots")));
        assertTrue(describe(help("run"), "--mem").endsWith("Default: 4096 with -i (lsm-perf's machine), else 512."));
        assertTrue(describe(help("demo"), "--out").startsWith("-o, --out=OUT The folder for all its outputs. Default: kbench-demo."));
    }

    @Test
    void aCommandThatBootsOneSizeOrKernelRefusesSeveral() {
        assertUsageError(execute("run", "-k", "a", "--mem", "256", "512"), "run", "--mem takes one size here: only kbench boot boots several");
        assertUsageError(execute("soak", "-k", "a,b"), "soak", "-k takes one kernel here, not 2");
    }

    @Test
    void everyHelpEndsWithTheExitStatuses() {
        for (String command : List.of("run", "csv", "soak", "merge")) {
            String help = help(command);
            assertTrue(help.contains("\nExit status:\n  0 "), help);
            assertTrue(help.contains("\n  5 ") && help.contains("\n  125 "), help);
        }
    }

    private static String tail(String description) {
        return description.substring(description.lastIndexOf("Default:"));
    }

    private static void collect(CommandLine command, List<CommandLine> into) {
        into.add(command);
        command.getSubcommands().forEach((name, sub) -> {
            if (name.equals(sub.getCommandName())) {
                collect(sub, into);
            }
        });
    }
}
