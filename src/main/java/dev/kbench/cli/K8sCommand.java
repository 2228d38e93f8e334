package dev.kbench.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code kbench k8s}: running kbench's experiments on a Kubernetes cluster. */
@Command(name = "k8s", mixinStandardHelpOptions = true,
        description = "Runs kbench on a Kubernetes cluster (see 'kbench k8s manifest --help' and docs/cluster.md).",
        subcommands = {K8sManifestCommand.class})
final class K8sCommand implements Runnable {

    @ParentCommand
    Kbench kbench;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
