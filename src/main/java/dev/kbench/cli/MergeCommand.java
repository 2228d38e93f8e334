package dev.kbench.cli;

import dev.kbench.run.ShardMerge;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kbench merge}: the shards of one experiment, run on several hosts, as one result. */
@Command(name = "merge", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Joins the shards of one experiment (kbench run ... --shard K/N, each on its own host) into the outputs one host"
                + " would have written: the CSV round by round, one JMH JSON with every round a fork, the run log, the comparison and"
                + " report. Each effect is estimated within each shard's host, then combined (hosts are blocks); the spread between hosts"
                + " is reported. Refuses shards of another plan or kbench build; names a missing or unfinished shard.")
final class MergeCommand implements Callable<Integer> {

    @Parameters(paramLabel = "OUT", arity = "1",
            description = "The -o the shards were given (their files are in shard-K-of-N/ beside it), or the folder of a sharded demo or lsm-cost."
                    + " The merged files are written there.")
    Path out;

    @Option(names = "--allow-partial", description = "Merge the shards and rounds that exist when some are missing or unfinished, and say which.")
    boolean allowPartial;

    @Mixin
    VerdictOptions verdict;

    @Override
    public Integer call() throws IOException {
        ShardMerge.Outcome outcome = ShardMerge.merge(out, allowPartial, verdict.criteria(), System.out);
        System.out.println("kbench merge: wrote " + String.join(", ", outcome.files().stream().map(Path::toString).toList()));
        return 0;
    }
}
