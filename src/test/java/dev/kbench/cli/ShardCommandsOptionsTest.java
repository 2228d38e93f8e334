package dev.kbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The options of the commands that shard an experiment (run --shard and --jobs, slurm) and merge it, and their one-line errors. */
class ShardCommandsOptionsTest extends InProcessCliTest {

    @Test
    void aShardIsKOfN() {
        assertUsageError(execute("run", "-k", "a", "b", "--shard", "3/2"), "run",
                "Invalid value for option '--shard': --shard 3/2: give K/N with 1 <= K <= N, e.g. 2/4");
        assertOneLineError(execute("run", "-k", "a", "b", "--rounds", "2", "--shard", "1/3"),
                "--shard 1/3: the experiment has 2 rounds, fewer than 3 shards: give --rounds 3 or more, or fewer shards");
        assertOneLineError(execute("run", "-k", "a", "b", "--shard", "1/2", "--precision", "2"),
                "--precision cannot decide on one shard's rounds (the others are on other hosts): drop it, or run kbench plan on the merged"
                        + " result for the rounds to give --rounds");
    }

    @Test
    void jobsAreRefusedWithPinningAShardPrecisionOrTooFewRounds() throws Exception {
        String kernel = Files.writeString(tmp.resolve("bzImage"), "not a kernel, never booted").toString();
        assertUsageError(execute("run", "-k", kernel, kernel, "--jobs", "2", "-c", "0", "0", "0"), "run",
                "--jobs pins each job within its own CPUs and gives it its shard: drop -c");
        assertUsageError(execute("run", "-k", kernel, kernel, "--jobs", "2", "--shard", "1/2"), "run",
                "--jobs pins each job within its own CPUs and gives it its shard: drop --shard");
        assertUsageError(execute("run", "-k", kernel, kernel, "--jobs", "2", "--precision", "1"), "run",
                "--precision cannot decide on one job's rounds: drop it, or --jobs");
        assertUsageError(execute("run", "-k", kernel, kernel, "--jobs", "0"), "run", "--jobs must be 1 or more");
        assertUsageError(execute("run", "-k", kernel, kernel, "--jobs", "3", "--rounds", "2"), "run",
                "--jobs 3: the experiment has 2 rounds, fewer than 3 shards: give --rounds 3 or more, or fewer shards");
    }

    @Test
    void slurmChecksTheRunOptionsBeforeSubmitting() {
        assertUsageError(execute("slurm", "--", "-k", "a", "--shard", "1/2"), "slurm",
                "the run options hold --shard: each task gets its own (--shard K/N, N from --shards); drop it");
        assertUsageError(execute("slurm", "--", "-w", "eventfd"), "slurm", "the run options name no kernel: give kbench run's -k KERNELS after --");
        assertUsageError(execute("slurm", "--shards", "3", "--", "-k", "a", "b", "--rounds", "2"), "slurm",
                "--shards 3: the experiment has 2 rounds, fewer than 3 shards: give --rounds 3 or more, or fewer shards");
        assertUsageError(execute("slurm", "--", "-k", "a", "--rounds", "many"), "slurm",
                "run options: Invalid value for option '--rounds': 'many' is not an int");
    }

    @Test
    void slurmsDryRunPrintsTheScriptsAndSubmissionsAndWritesNothing() {
        Outcome o = execute("slurm", "--shards", "2", "--partition", "kvm", "--dry-run", "--", "-k", "a", "b", "--rounds", "4", "-o",
                tmp.resolve("res/x.csv").toString());
        assertEquals(0, o.status(), o.err());
        assertTrue(o.out().contains("# " + tmp.resolve("res/x.slurm/shards.sh")), o.out());
        assertTrue(o.out().contains("'run' '-k' 'a' 'b' '--rounds' '4' '-o' '" + tmp.resolve("res/x.csv") + "' '--shard' \"$SLURM_ARRAY_TASK_ID/2\""), o.out());
        assertTrue(o.out().contains("\nsbatch --parsable --array=1-2 --exclusive --job-name=kbench-x"), o.out());
        assertTrue(o.out().contains("\nsbatch --parsable --dependency=afterok:ARRAY --kill-on-invalid-dep=yes"), o.out());
        assertTrue(Files.notExists(tmp.resolve("res")), "a dry run writes nothing");
    }

    @Test
    void mergeSaysWhatIsMissing() throws Exception {
        Files.createDirectories(tmp.resolve("res"));
        assertOneLineError(execute("merge", tmp.resolve("res/x.csv").toString()), "cannot merge: no shard-K-of-N folder in " + tmp.resolve("res")
                + " (give the -o that the kbench run --shard K/N commands were given)");
        assertUsageError(execute("merge"), "merge", "Missing required parameter: 'OUT'");
    }
}
