package dev.kbench.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where a bisection's commits come from: the user's checkout and its good and bad commits (kbench bisect, bisect-step). */
final class BisectRangeOptions {

    @Option(names = "--repo", paramLabel = "LINUX_TREE", defaultValue = ".",
            description = "Your Linux git checkout. kbench never writes to it: it builds in a shared clone in its cache. Default: ${DEFAULT-VALUE}.")
    Path repo;

    @Option(names = "--good", paramLabel = "REF", description = "A commit (branch, tag or hash) without the change: its kernel is the good end.")
    String good;

    @Option(names = "--bad", paramLabel = "REF", description = "A later commit with the change: its kernel is the bad end.")
    String bad;
}
