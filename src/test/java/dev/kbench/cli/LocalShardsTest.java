package dev.kbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kbench.run.Shard;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command line each job of {@code --jobs} runs. */
class LocalShardsTest {

    private static final List<String> KBENCH = List.of("java", "-cp", "k.jar", "Kbench");
    private static final List<String> PREFIX = List.of("setpriv", "--pdeathsig", "TERM", "--", "taskset", "-c");
    private static final PrintStream NOWHERE = new PrintStream(OutputStream.nullOutputStream());

    private static List<String> expected(String cpus, String... rest) {
        List<String> all = new java.util.ArrayList<>(PREFIX);
        all.add(cpus);
        all.addAll(KBENCH);
        all.addAll(List.of(rest));
        return all;
    }

    @Test
    void everyJobRunsTheCommandAsItsShardWithTheExperimentsSeed() {
        LocalShards jobs = new LocalShards(KBENCH, "lsm-cost", List.of("--accel", "icount"), Path.of("lc/lsm-cost.csv"), false, 42, NOWHERE);
        assertEquals(expected("1", "lsm-cost", "--accel", "icount", "--shard", "2/2", "--seed", "42"), jobs.command(new Shard(2, 2), List.of(1)),
                "a job given no seed would draw its own order, and the merge refuse it");
        LocalShards seeded = new LocalShards(KBENCH, "run", List.of("--seed", "7"), Path.of("x.csv"), true, 42, NOWHERE);
        assertEquals(expected("0", "run", "--seed", "7", "--shard", "1/2"), seeded.command(new Shard(1, 2), List.of(0)));
    }

    @Test
    void threeCpusOrMorePinTheJobExceptUnderIcount() {
        LocalShards tcg = new LocalShards(KBENCH, "run", List.of(), Path.of("x.csv"), true, 1, NOWHERE);
        assertEquals(expected("4,5,6", "run", "--shard", "2/2", "--seed", "1", "-c", "4", "5", "6"), tcg.command(new Shard(2, 2), List.of(4, 5, 6)));
        LocalShards icount = new LocalShards(KBENCH, "run", List.of(), Path.of("x.csv"), false, 1, NOWHERE);
        assertEquals(expected("4,5,6", "run", "--shard", "2/2", "--seed", "1"), icount.command(new Shard(2, 2), List.of(4, 5, 6)),
                "-c pins two vCPUs, which icount refuses");
    }
}
