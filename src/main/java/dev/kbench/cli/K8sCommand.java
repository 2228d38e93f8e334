package dev.kbench.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code kbench k8s}: running kbench's experiments on a Kubernetes cluster. */
@Command(name = "k8s", mixinStandardHelpOptions = true,
        description = "Runs kbench on a Kubernetes cluster (see 'kbench k8s manifest --help' and docs/cluster.md).",
        subcommands = {K8sManifestCommand.class})
final class K8sCommand implements Callable<Integer> {

    @ParentCommand
    Kbench kbench;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return Kbench.withoutCommand(spec);
    }
}
