package dev.kbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.ExitStatus;
import dev.kbench.Settings;
import dev.kbench.vm.Accel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Tests of kbench's command line run in this JVM, on settings confined to a temporary folder:
 * the cache is there, and {@code default} stands for a kernel file that does not exist, so no
 * test reads ~/.cache or the environment, downloads Debian's kernel or boots a VM by mistake.
 */
abstract class InProcessCliTest {

    /** What a command line did: its exit status, stdout (picocli's and the command's) and stderr. */
    record Outcome(int status, String out, String err) {
    }

    /** Wide enough that no option's description wraps inside a word or a value ("lsm-perf.\ncsv"). */
    private static final int HELP_WIDTH = 1000;

    @TempDir
    Path tmp;

    Settings settings() {
        return Settings.of(Map.of("KBENCH_CACHE", tmp.resolve("cache").toString(),
                "KBENCH_KERNEL", tmp.resolve("no-default-kernel").toString(),
                "KBENCH_RUN_LOG", tmp.resolve("runs.jsonl").toString(),
                "KBENCH_BOOT_LOG", tmp.resolve("boots.jsonl").toString()), tmp.resolve("home").toString());
    }

    private CommandLine commandLine() {
        return Kbench.commandLine(settings()).setUsageHelpWidth(HELP_WIDTH);
    }

    /** Executes {@code args} as {@code main} would, without exiting. */
    Outcome execute(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        PrintStream captured = new PrintStream(out, true, StandardCharsets.UTF_8);
        // before the command line is made: picocli's execution strategy keeps the System.out of
        // its making, and on execute replaces the out set here by it if System.out has changed
        System.setOut(captured);
        try {
            CommandLine cli = commandLine();
            StringWriter err = new StringWriter();
            cli.setErr(new PrintWriter(err, true));
            PrintWriter picocliOut = new PrintWriter(new OutputStreamWriter(captured, StandardCharsets.UTF_8), true);
            cli.setOut(picocliOut);
            int status = cli.execute(args);
            picocliOut.flush();
            return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString().replace("\r\n", "\n"));
        } finally {
            System.setOut(stdout);
        }
    }

    /** Parses {@code args} (a subcommand and its options) without running it; returns the subcommand's object with its fields set. */
    <T> T parse(Class<T> command, String... args) {
        CommandLine.ParseResult parsed = commandLine().parseArgs(args);
        assertTrue(parsed.hasSubcommand(), "no subcommand in " + List.of(args));
        return command.cast(parsed.subcommand().commandSpec().userObject());
    }

    /** A file {@link dev.kbench.kernel.KernelImage} takes for a bzImage (the boot protocol's header), for checks past the kernels; never booted. */
    Path fakeBzImage() throws IOException {
        byte[] image = new byte[0x300];
        System.arraycopy("HdrS".getBytes(StandardCharsets.US_ASCII), 0, image, 0x202, 4);
        return Files.write(tmp.resolve("bzImage"), image);
    }

    /** {@code kbench COMMAND --help}, checked by {@link #assertHelp}: the usage. */
    String help(String command) {
        return assertHelp(execute(command, "--help"), command);
    }

    /** {@code --help}: exit status 0, nothing on stderr, the usage of {@code kbench COMMAND} on stdout. */
    static String assertHelp(Outcome o, String command) {
        assertEquals(0, o.status(), o.err());
        assertEquals("", o.err());
        assertTrue(o.out().startsWith("Usage: kbench " + command + " "), o.out());
        return o.out();
    }

    /**
     * The description of {@code option} (a long name, e.g. {@code --runs}) in a usage help,
     * its lines joined and its runs of spaces made one; fails if the help does not list the option.
     */
    static String describe(String help, String option) {
        Pattern start = Pattern.compile("^\\s+(-\\w, )?" + Pattern.quote(option) + "[=\\s].*");
        List<String> lines = help.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (start.matcher(lines.get(i)).matches()) {
                List<String> description = new ArrayList<>(List.of(lines.get(i).strip()));
                for (int j = i + 1; j < lines.size() && lines.get(j).startsWith(" ") && !lines.get(j).strip().startsWith("-"); j++) {
                    description.add(lines.get(j).strip());
                }
                return String.join(" ", description).replaceAll("\\s+", " ");
            }
        }
        throw new AssertionError("the help lists no option " + option + ":\n" + help);
    }

    /** The help of run, demo or lsm-cost shows the command's own defaults of {@link ExperimentOptions}. */
    static void assertExperimentDefaultsShown(String help, int rounds, int runs, int warmups, String out) {
        assertTrue(describe(help, "--rounds").endsWith("Default: " + rounds + "."), help);
        assertTrue(describe(help, "--runs").endsWith("Default: " + runs + "."), help);
        assertTrue(describe(help, "--warmups").endsWith("Default: " + warmups + "."), help);
        assertTrue(describe(help, "--accel").endsWith("Default: auto."), help);
        assertTrue(describe(help, "--out").endsWith("Default: " + out + "."), help);
    }

    /** The values {@link ExperimentOptions} holds after parsing. */
    static void assertExperiment(ExperimentOptions options, int rounds, int runs, int warmups, Accel accel, String out) {
        assertEquals(List.of(rounds, runs, warmups), List.of(options.rounds, options.runs, options.warmups()), "rounds, runs, warmups");
        assertEquals(accel, options.accel());
        assertEquals(Path.of(out), options.out());
    }

    /** A usage error: exit status 2, one line with {@code message} naming the option and where help is; nothing run. */
    static void assertUsageError(Outcome o, String command, String message) {
        assertEquals(2, o.status(), o.err());
        assertEquals("kbench: usage error: " + message + " (see 'kbench " + command + " --help')\n", o.err());
        assertEquals("", o.out());
    }

    /** An expected failure: the exit status of its kind and exactly one line, {@code kbench: error: MESSAGE}, no stack trace. */
    static void assertOneLineError(Outcome o, ExitStatus status, String message) {
        assertEquals(status.code(), o.status(), o.err());
        assertEquals("kbench: error: " + message + "\n", o.err());
    }

    /** As {@link #assertOneLineError}, for a message known by its beginning. */
    static void assertOneLineErrorStartingWith(Outcome o, ExitStatus status, String prefix) {
        assertEquals(status.code(), o.status(), o.err());
        assertTrue(o.err().startsWith("kbench: error: " + prefix), o.err());
        assertEquals(1, o.err().lines().count(), o.err());
    }
}
