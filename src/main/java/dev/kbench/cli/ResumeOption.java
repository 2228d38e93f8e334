package dev.kbench.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --resume OUT}: continue what a command left in OUT; what it continues is each command's own wording. */
final class ResumeOption {

    @Option(names = "--resume", paramLabel = "OUT", descriptionKey = "resume",
            description = "Continue the interrupted run whose output (-o) was OUT. Give no other option.")
    Path resume;
}
