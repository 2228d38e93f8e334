package dev.kbench.cli;

import dev.kbench.ExitStatus;
import dev.kbench.Settings;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * {@code kbench}: the command line. Each job is a subcommand; each reads the environment's
 * {@link Settings} from here, the one place they are read, and turns its options into values.
 */
@Command(name = "kbench", mixinStandardHelpOptions = true, version = "kbench 0.1.0", resourceBundle = "dev.kbench.cli.CommandHelp",
        description = "Compares Linux kernels by running workloads in QEMU guests, measured with JMH.",
        subcommands = {RunCommand.class, DemoCommand.class, LsmCostCommand.class, PlanCommand.class, CsvCommand.class, BootCommand.class, BootTableCommand.class, SoakCommand.class, ExplainCommand.class, VmlinuxCommand.class, ReportCommand.class, KernelCommand.class, BisectCommand.class, BisectStepCommand.class, MergeCommand.class, SlurmCommand.class, K8sCommand.class,
            CommandLine.HelpCommand.class})
public final class Kbench implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Settings settings;

    Kbench(Settings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        System.exit(commandLine(Settings.fromEnvironment()).execute(args));
    }

    /** The command line with its converters and error handling, for {@code main} and for tests. */
    public static CommandLine commandLine(Settings settings) {
        CommandLine top = new CommandLine(new Kbench(settings));
        listExitStatuses(top);
        return Converters.registerAll(top).setParameterExceptionHandler((e, args) -> {
            // what was wrong and where to read more, not the whole usage
            CommandLine cmd = e.getCommandLine();
            cmd.getErr().println("kbench: usage error: " + e.getMessage() + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
            cmd.getErr().flush();
            return ExitStatus.BAD_INPUT.code();
        }).setExecutionExceptionHandler((e, cmd, parsed) -> {
            PrintWriter err = cmd.getErr();
            CommandFailure failure = CommandFailure.of(e);
            if (failure.bug()) {
                err.println("kbench: " + failure.line());
                e.printStackTrace(err);
            } else {
                err.println("kbench: error: " + failure.line());
            }
            err.flush();
            return failure.status().code();
        });
    }

    /** Every command's help ends with the exit statuses, which are the same for all of them. */
    private static void listExitStatuses(CommandLine command) {
        Map<String, String> statuses = new LinkedHashMap<>();
        for (ExitStatus status : ExitStatus.values()) {
            statuses.put(String.valueOf(status.code()), status.meaning());
        }
        command.getCommandSpec().usageMessage().exitCodeListHeading("Exit status:%n").exitCodeList(statuses);
        command.getSubcommands().values().forEach(Kbench::listExitStatuses);
    }

    /** How to start this kbench again in another process, here or on a node that shares the paths: this JDK, this jar. */
    static List<String> thisKbench() {
        String javaBinary = ProcessHandle.current().info().command().orElse("java");
        // two kbench runs at once must not wait on JMH's one-run-per-machine lock
        return List.of(javaBinary, "-Djmh.ignoreLock=true", "-cp", jar().toString(), Kbench.class.getName());
    }

    /**
     * How a person starts this kbench, for a command line kbench prints for them to run as it
     * stands: the {@code kbench} launcher of the checkout whose {@code target/} holds the jar
     * ({@code ./kbench} when run from that folder), else java with the jar.
     */
    static String launcher(Path workingDir) {
        Path jar = jar();
        Path checkout = jar.getParent() == null ? null : jar.getParent().getParent();
        Path script = checkout == null ? null : checkout.resolve("kbench");
        if (script == null || !Files.isExecutable(script)) {
            return "java -cp " + jar + " " + Kbench.class.getName();
        }
        return checkout.equals(workingDir.toAbsolutePath().normalize()) ? "./kbench" : script.toString();
    }

    /** The jar (or classes folder) kbench runs from. */
    private static Path jar() {
        try {
            return Path.of(Kbench.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot tell where kbench's jar is: " + e.getMessage(), e);
        }
    }

    Settings settings() {
        return settings;
    }

    /** {@code kbench} alone names no command: a usage error, so that a script that forgot its command fails. */
    @Override
    public Integer call() {
        return withoutCommand(spec);
    }

    /** The usage of a command that needs a subcommand, on stderr, and the usage status. */
    static int withoutCommand(CommandLine.Model.CommandSpec spec) {
        CommandLine commandLine = spec.commandLine();
        commandLine.getErr().println("kbench: usage error: no command given (see '" + spec.qualifiedName() + " --help')");
        commandLine.usage(commandLine.getErr());
        commandLine.getErr().flush();
        return ExitStatus.BAD_INPUT.code();
    }
}
