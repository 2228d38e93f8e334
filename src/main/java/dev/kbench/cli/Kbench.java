package dev.kbench.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code kbench}: the command line. Each job is a subcommand. */
@Command(name = "kbench", mixinStandardHelpOptions = true, version = "kbench 0.1.0",
        description = "Compares Linux kernels by running workloads in QEMU guests, measured with JMH.",
        subcommands = {RunCommand.class, DemoCommand.class, LsmCostCommand.class, CsvCommand.class, BootCommand.class, BootTableCommand.class, SoakCommand.class, VmlinuxCommand.class, ReportCommand.class,
            CommandLine.HelpCommand.class})
public final class Kbench implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new Kbench()).setExecutionExceptionHandler((e, cmd, parsed) -> {
            // one line saying what went wrong, not a stack trace
            cmd.getErr().println("kbench: error: " + e.getMessage());
            return 1;
        });
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
