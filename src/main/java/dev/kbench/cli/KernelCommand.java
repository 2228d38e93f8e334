package dev.kbench.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code kbench kernel}: kernels kbench makes itself. */
@Command(name = "kernel", mixinStandardHelpOptions = true, description = "Kernels kbench makes itself (see 'kbench kernel build --help').",
        subcommands = {KernelBuildCommand.class})
final class KernelCommand implements Callable<Integer> {

    @ParentCommand
    Kbench kbench;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return Kbench.withoutCommand(spec);
    }
}
