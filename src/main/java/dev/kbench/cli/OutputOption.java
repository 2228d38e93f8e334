package dev.kbench.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code -o}: where a command writes. What OUT names (a file, a folder, a path prefix) is each
 * command's own, so its description comes from the command's entry in CommandHelp.properties and
 * its default from the command's {@link CommandDefaults}.
 */
final class OutputOption {

    @Option(names = {"-o", "--out"}, paramLabel = "OUT", descriptionKey = "out",
            description = "Where the command writes its files. Default: ${DEFAULT-VALUE}.")
    Path out;
}
