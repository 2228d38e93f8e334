package dev.kbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.ExitStatus;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The options of the commands that shard an experiment (run --shard and --jobs, slurm) and merge it, and their one-line errors. */
class ShardCommandsOptionsTest extends InProcessCliTest {

    @Test
    void aShardIsKOfN() {
        assertUsageError(execute("run", "-k", "a", "b", "--shard", "3/2"), "run",
                "Invalid value for option '--shard': --shard 3/2: give K/N with 1 <= K <= N, e.g. 2/4");
        assertOneLineError(execute("run", "-k", "a", "b", "--rounds", "2", "--seed", "7", "--shard", "1/3"), ExitStatus.BAD_INPUT,
                "--shard 1/3: the experiment has 2 rounds, fewer than 3 shards: give --rounds 3 or more, or fewer shards");
        assertOneLineError(execute("run", "-k", "a", "b", "--seed", "7", "--shard", "1/2", "--precision", "2"), ExitStatus.BAD_INPUT,
                "--precision cannot decide on one shard's rounds (the others are on other hosts): drop it, or run kbench plan on the merged"
                        + " result for the rounds to give --rounds");
    }

    /** Each shard would draw its own seed, run its own order, and the merge would refuse them only once all had run. */
    @Test
    void aShardWithoutASeedIsRefusedBeforeAnyKernelIsLookedFor() {
        String message = "--shard needs --seed: every shard of one experiment must run the same order; give all shards the same --seed N";
        assertUsageError(execute("run", "-k", "/no/such/bzImage", "other", "--shard", "2/4", "--rounds", "16"), "run", message);
        assertUsageError(execute("run", "-k", "a", "--shard=1/2"), "run", message);
        assertUsageError(execute("demo", "--shard", "1/2"), "demo", message);
        assertUsageError(execute("lsm-cost", "--accel", "icount", "--shard", "1/2"), "lsm-cost", message);
        // with a seed the shard goes on, to the kernels
        assertOneLineErrorStartingWith(execute("run", "-k", "/no/such/bzImage", "other", "--shard", "2/4", "--rounds", "16", "--seed", "42"), ExitStatus.BAD_INPUT,
                "kernel not found: /no/such/bzImage");
    }

    @Test
    void jobsAreRefusedWithPinningAShardPrecisionOrTooFewRounds() throws Exception {
        String kernel = Files.writeString(tmp.resolve("bzImage"), "not a kernel, never booted").toString();
        assertUsageError(execute("run", "-k", kernel, kernel, "--jobs", "2", "-c", "0", "0", "0"), "run",
                "--jobs pins each job within its own CPUs: drop -c");
        assertUsageError(execute("run", "-k", kernel, kernel, "--jobs", "2", "--shard", "1/2"), "run",
                "--jobs gives each job its shard: drop --shard");
        assertUsageError(execute("run", "-k", kernel, kernel, "--jobs", "2", "--precision", "1"), "run",
                "--precision cannot decide on one job's rounds: drop it, or --jobs");
        assertUsageError(execute("run", "-k", kernel, kernel, "--jobs", "0"), "run", "--jobs must be 1 or more");
        assertUsageError(execute("run", "-k", kernel, kernel, "--jobs", "3", "--rounds", "2"), "run",
                "--jobs 3: the experiment has 2 rounds, fewer than 3 shards: give --rounds 3 or more, or fewer shards");
    }

    @Test
    void slurmChecksTheRunOptionsBeforeSubmitting() {
        // each with -o in the test's folder: a check that came too late would write OUT.slurm/ there, never into the work tree
        String out = tmp.resolve("res/x.csv").toString();
        assertUsageError(execute("slurm", "--", "-k", "a", "--shard", "1/2", "-o", out), "slurm",
                "the run options hold --shard: each task gets its own (--shard K/N, N from --shards); drop it");
        assertUsageError(execute("slurm", "--", "-w", "eventfd", "-o", out), "slurm",
                "the run options name no kernel: give kbench run's -k KERNELS after --");
        assertUsageError(execute("slurm", "--shards", "3", "--", "-k", "a", "b", "--rounds", "2", "-o", out), "slurm",
                "--shards 3: the experiment has 2 rounds, fewer than 3 shards: give --rounds 3 or more, or fewer shards");
        assertUsageError(execute("slurm", "--", "-k", "a", "--rounds", "many", "-o", out), "slurm",
                "run options: Invalid value for option '--rounds': 'many' is not an int");
        assertTrue(Files.notExists(tmp.resolve("res")), "a refused submission writes nothing");
    }

    @Test
    void slurmsDryRunPrintsTheScriptsAndSubmissionsAndWritesNothing() {
        Outcome o = execute("slurm", "--shards", "2", "--partition", "kvm", "--dry-run", "--", "-k", "a", "b", "--rounds", "4", "-o",
                tmp.resolve("res/x.csv").toString());
        assertEquals(0, o.status(), o.err());
        long seed = printedSeed(o, 2);
        assertTrue(o.out().contains("# " + tmp.resolve("res/x.slurm/shards.sh")), o.out());
        assertTrue(o.out().contains("'run' '-k' 'a' 'b' '--rounds' '4' '-o' '" + tmp.resolve("res/x.csv") + "' '--seed' '" + seed
                + "' '--shard' \"$SLURM_ARRAY_TASK_ID/2\""), o.out());
        assertTrue(o.out().contains("\nsbatch --parsable --array=1-2 --exclusive --job-name=kbench-x"), o.out());
        assertTrue(o.out().contains("\nsbatch --parsable --dependency=afterok:ARRAY --kill-on-invalid-dep=yes"), o.out());
        assertTrue(Files.notExists(tmp.resolve("res")), "a dry run writes nothing");
    }

    /** Every task runs the one exec line of shards.sh, so one seed there is one seed for every shard; a given one is kept as given. */
    @Test
    void slurmGivesEveryShardOneSeedDrawnWhenNoneIsGiven() {
        String out = tmp.resolve("res/x.csv").toString();
        Outcome drawn = execute("slurm", "--shards", "4", "--dry-run", "--", "-k", "a", "b", "--rounds", "8", "-o", out);
        long seed = printedSeed(drawn, 4);
        assertEquals(List.of("'--seed' '" + seed + "'"), seedsIn(drawn.out()), drawn.out());
        assertTrue(drawn.out().contains("'--seed' '" + seed + "' '--shard' \"$SLURM_ARRAY_TASK_ID/4\""), drawn.out());

        Outcome given = execute("slurm", "--shards", "2", "--dry-run", "--", "-k", "a", "b", "--seed", "42", "--rounds", "4", "-o", out);
        assertEquals(42, printedSeed(given, 2));
        assertEquals(List.of("'--seed' '42'"), seedsIn(given.out()), "the given --seed, once: " + given.out());
        Outcome joined = execute("slurm", "--shards", "2", "--dry-run", "--", "-k", "a", "b", "--seed=43", "--rounds", "4", "-o", out);
        assertEquals(43, printedSeed(joined, 2));
        assertEquals(List.of(), seedsIn(joined.out()), "no second seed beside --seed=43: " + joined.out());
        assertTrue(joined.out().contains("'--seed=43'"), joined.out());
        assertTrue(Files.notExists(tmp.resolve("res")), "a dry run writes nothing");
    }

    /** The seed kbench slurm says it gives every shard, checked against its one line. */
    private static long printedSeed(Outcome o, int shards) {
        Matcher line = Pattern.compile("^kbench: seed (\\d+) for all " + shards + " shards \\(--seed (\\d+) repeats the order\\)$", Pattern.MULTILINE)
                .matcher(o.out());
        assertTrue(line.find(), o.out());
        assertEquals(line.group(1), line.group(2));
        return Long.parseLong(line.group(1));
    }

    private static List<String> seedsIn(String script) {
        return Pattern.compile("'--seed' '\\d+'").matcher(script).results().map(MatchResult::group).toList();
    }

    @Test
    void mergeSaysWhatIsMissing() throws Exception {
        Files.createDirectories(tmp.resolve("res"));
        assertOneLineError(execute("merge", tmp.resolve("res/x.csv").toString()), ExitStatus.BAD_INPUT, "cannot merge: no shard-K-of-N folder in " + tmp.resolve("res")
                + " (give the -o that the kbench run --shard K/N commands were given)");
        assertUsageError(execute("merge"), "merge", "Missing required parameter: 'OUT'");
    }
}
