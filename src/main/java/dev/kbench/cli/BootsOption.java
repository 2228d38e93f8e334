package dev.kbench.cli;

import picocli.CommandLine.Option;

/** {@code --boots}: measured boots, for boot and soak; each command's {@link CommandDefaults} give its count. */
final class BootsOption {

    @Option(names = "--boots", paramLabel = "N", description = "Measured boots (kbench boot: per kernel and memory size). Default: ${DEFAULT-VALUE}.")
    int boots;
}
