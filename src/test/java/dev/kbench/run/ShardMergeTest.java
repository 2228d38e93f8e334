package dev.kbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kbench.KbenchException;
import dev.kbench.Settings;
import dev.kbench.guest.Workload;
import dev.kbench.plan.GuestSettings;
import dev.kbench.plan.RoundSlot;
import dev.kbench.results.Criteria;
import dev.kbench.results.HostFingerprint;
import dev.kbench.results.JmhResults;
import dev.kbench.results.JmhRunResults;
import dev.kbench.results.KernelRounds;
import dev.kbench.results.MeasurementPlan;
import dev.kbench.results.Overhead;
import dev.kbench.results.RoundTime;
import dev.kbench.results.RunLog;
import dev.kbench.results.RunPhase;
import dev.kbench.results.RunRecord;
import dev.kbench.results.RunSetup;
import dev.kbench.results.format.MeasurementPlanText;
import dev.kbench.vm.Accel;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kbench merge} on shards written as {@code kbench run --shard} writes them, without VMs: the plan, the joins and the refusals. */
class ShardMergeTest {

    private static final List<String> KERNELS = List.of("stock", "caponly");

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream said = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(said, true, StandardCharsets.UTF_8);

    private final ShardFiles shards = new ShardFiles(Path.of(""), KERNELS, 4, 2);

    private void writeShard(int index, int count, long seed, String commit, int measured) throws Exception {
        new ShardFiles(tmp, KERNELS, 4, 2).write(index, count, seed, commit, measured);
    }

    private long value(String kernel, int round, int run) {
        return shards.value(kernel, round, run);
    }

    @Test
    void theMergedRowsAndOrderAreWhatOneHostWouldHaveRun() throws Exception {
        writeShard(1, 2, 7, "abc", 99);
        writeShard(2, 2, 7, "abc", 99);
        ShardMerge.Outcome outcome = ShardMerge.merge(tmp.resolve("res/x.csv"), false, Criteria.DEFAULT, out);
        assertTrue(outcome.gaps().isEmpty());

        Experiment whole = Experiment.builder(new ShardFiles(tmp, KERNELS, 4, 2).experiment(1, 1, 7).guest()).kernels(KERNELS).workloads(List.of(new Workload.BuiltIn("eventfd")))
                .rounds(4).runs(2).warmups(0).accel(Accel.TCG).seed(7).out(tmp.resolve("whole/x.csv")).build();
        List<String> expected = new ArrayList<>(List.of("kernel path,round,run 0,run 1"));
        List<List<String>> order = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            List<String> kernels = whole.design().round(round).stream().map(KERNELS::get).toList();
            order.add(kernels);
            for (String kernel : kernels) {
                expected.add(kernel + "," + round + "," + value(kernel, round, 0) + "," + value(kernel, round, 1));
            }
        }
        assertEquals(expected, Files.readAllLines(tmp.resolve("res/x.csv")), "rows round by round, each round in the design's order");
        RunSetup setup = RunSetup.readBeside(tmp.resolve("res/x.json")).orElseThrow();
        assertEquals(order, setup.rounds());
        assertEquals(List.of("node1", "node2"), setup.hosts().stream().map(HostFingerprint::name).toList());

        KernelRounds caponly = outcome.measured().get("eventfd").get(1);
        assertEquals(List.of("shard 1 on node1", "shard 1 on node1", "shard 2 on node2", "shard 2 on node2"), caponly.hosts(),
                "every round carries its shard's host, the block of the analysis");
        assertTrue(said.toString().contains("kbench: eventfd: 2 hosts (shard 1 on node1, shard 2 on node2);"), said.toString());
        JsonNode json = new ObjectMapper().readTree(tmp.resolve("res/x.json").toFile());
        assertEquals(4, json.get(0).path("forks").asInt(), "a fork per round of all shards");
        assertEquals(List.of("node1", "node2"), List.of(json.get(0).path("hosts").get(0).path("name").asText(),
                json.get(0).path("hosts").get(1).path("name").asText()), "each shard's host fingerprint, in the JMH JSON too");
        assertEquals("abc", json.get(0).path("hosts").get(0).path("commit").asText());
        assertEquals(2 * (1 + 8 + 4 + 1), RunLog.read(tmp.resolve("res/x.runs.jsonl")).size(),
                "both shards' run logs, joined: a host record, 8 runs, 4 rounds' times and the end each");
    }

    @Test
    void theMergeSaysWhereTheShardsTimeWentAndWhatToRunNext() throws Exception {
        writeShard(1, 2, 7, "abc", 99);
        writeShard(2, 2, 7, "abc", 99);
        ShardMerge.merge(tmp.resolve("res/x.csv"), false, Criteria.DEFAULT, out);
        // 8 rounds of 2 + 1 + 1 + 0.5 s in shards of 21 and 22 s: 43 s, of which 7 s kbench's own
        assertTrue(said.toString().contains("kbench: time: boots 37 %, setup 19 %, runs 19 %, teardown 9 %, kbench 16 % of 43 s over 2 shards,"
                + " the longest 22 s (8 rounds)\n"), said.toString());
        List<String> plan = said.toString().lines().filter(l -> l.startsWith("kbench: eventfd: this run resolves ")).toList();
        assertEquals(1, plan.size(), said.toString());
        // a round beyond its runs: 3.5 s, and kbench's own 3 s and 4 s over each shard's 4 rounds
        MeasurementPlan expected = MeasurementPlan.of("eventfd", outcome(), OptionalDouble.of(0.001), OptionalDouble.of(3.5 + (0.75 + 1.0) / 2));
        assertEquals("kbench: " + MeasurementPlanText.line(expected, Criteria.DEFAULT.thresholdPercent(), 0), plan.get(0));
        assertTrue(plan.get(0).matches(".*\\(4 rounds of 2 runs\\); to resolve ±1 % run \\d+ rounds of \\d+ runs?, about .*"), plan.get(0));
    }

    @Test
    void theMergeSaysOnceForAllShardsWhenVmsRanBesideOtherWork() throws Exception {
        writeShard(1, 2, 7, "abc", 99);
        writeShard(2, 2, 7, "abc", 99);
        ShardMerge.merge(tmp.resolve("res/x.csv"), false, Criteria.DEFAULT, out);
        assertFalse(said.toString().contains("other processes"), "quiet shards: " + said);

        // one VM of shard 2 ran its workloads (1 s) beside 0.9 s of other processes' CPU time
        try (RunLog log = RunLog.appendTo(new ShardFiles(tmp, KERNELS, 4, 2).experiment(2, 2, 7).guest().runLog())) {
            log.append(new RunRecord("2026-11-27T18:00:00Z", "WorkloadBenchmark.run", "caponly", "eventfd", "caponly-2-3", "tcg", RunPhase.ROUND, 0,
                    null, 4_500_000_000L, null, 3, 1, new RoundTime(2_000_000_000L, 1_000_000_000L, 1_000_000_000L, 500_000_000L, 900_000_000L), null));
        }
        said.reset();
        ShardMerge.merge(tmp.resolve("res/x.csv"), false, Criteria.DEFAULT, out);
        assertTrue(said.toString().contains("kbench: other processes kept 0.90 of kbench's CPUs busy on average while 1 of its 9 VMs ran their"
                + " workloads (the most: 0.90, beside caponly in round 3)"), said.toString());
    }

    /** The rounds of the merge of both shards, as merged. */
    private List<KernelRounds> outcome() throws Exception {
        return ShardMerge.merge(tmp.resolve("res/x.csv"), false, Criteria.DEFAULT, new PrintStream(OutputStream.nullOutputStream()))
                .measured().get("eventfd");
    }

    @Test
    void theJobsOfOneMachineAreOneHostAndItsRoundsAreComparedAsOneHostWould() throws Exception {
        // --jobs 2 on one machine: the same host but for the CPUs each job may use
        new ShardFiles(tmp, KERNELS, 4, 2).write(1, 2, 7, "abc", 99, "vm", 1);
        new ShardFiles(tmp, KERNELS, 4, 2).write(2, 2, 7, "abc", 99, "vm", 2);
        ShardMerge.Outcome outcome = ShardMerge.merge(tmp.resolve("res/x.csv"), false, Criteria.DEFAULT, out);
        KernelRounds stock = outcome.measured().get("eventfd").get(0);
        KernelRounds caponly = outcome.measured().get("eventfd").get(1);
        assertEquals(List.of("shards 1+2 on vm", "shards 1+2 on vm", "shards 1+2 on vm", "shards 1+2 on vm"), caponly.hosts());
        assertFalse(said.toString().contains(" hosts ("), "no spread between hosts where there is one: " + said);
        assertEquals(Overhead.of(new KernelRounds("stock", stock.rounds()), new KernelRounds("caponly", caponly.rounds())), Overhead.of(stock, caponly),
                "Welch's test over all rounds, not blocked by job");
    }

    @Test
    void shardsOfOneNodeAreOneHostAmongOthers() throws Exception {
        // three shards of a balanced block each, two of them put on node1
        new ShardFiles(tmp, KERNELS, 6, 2).write(1, 3, 7, "abc", 99, "node1", 8);
        new ShardFiles(tmp, KERNELS, 6, 2).write(2, 3, 7, "abc", 99, "node2", 8);
        new ShardFiles(tmp, KERNELS, 6, 2).write(3, 3, 7, "abc", 99, "node1", 4);
        ShardMerge.Outcome outcome = ShardMerge.merge(tmp.resolve("res/x.csv"), false, Criteria.DEFAULT, out);
        assertEquals(List.of("shards 1+3 on node1", "shards 1+3 on node1", "shard 2 on node2", "shard 2 on node2", "shards 1+3 on node1",
                "shards 1+3 on node1"), outcome.measured().get("eventfd").get(1).hosts());
        assertTrue(said.toString().contains("kbench: eventfd: 2 hosts (shards 1+3 on node1, shard 2 on node2);"), said.toString());
    }

    @Test
    void aMissingShardIsNamedAndAllowPartialMergesTheRest() throws Exception {
        writeShard(1, 2, 7, "abc", 99);
        KbenchException missing = assertThrows(KbenchException.class, () -> ShardMerge.merge(tmp.resolve("res/x.csv"), false, Criteria.DEFAULT, out));
        assertEquals("cannot merge: shard 2 of 2 is missing (nothing in " + tmp.resolve("res/shard-2-of-2") + "); or merge what there is"
                + " with --allow-partial", missing.getMessage());
        ShardMerge.Outcome partial = ShardMerge.merge(tmp.resolve("res/x.csv"), true, Criteria.DEFAULT, out);
        assertEquals(2, partial.measured().get("eventfd").get(0).rounds().size(), "shard 1's two rounds");
        assertTrue(said.toString().contains("kbench: merging without it: shard 2 of 2 is missing"), said.toString());
    }

    @Test
    void anUnfinishedShardIsNamedWithHowToContinueIt() throws Exception {
        writeShard(1, 2, 7, "abc", 99);
        writeShard(2, 2, 7, "abc", 3);
        KbenchException incomplete = assertThrows(KbenchException.class, () -> ShardMerge.merge(tmp.resolve("res/x.csv"), false, Criteria.DEFAULT, out));
        assertEquals("cannot merge: shard 2/2 is incomplete (3 of 4 kernel rounds measured; kbench run --resume " + tmp.resolve("res/shard-2-of-2/x.csv")
                + " continues it); or merge what there is with --allow-partial", incomplete.getMessage());
    }

    @Test
    void aShardOfAnotherPlanIsRefused() throws Exception {
        writeShard(1, 2, 7, "abc", 99);
        writeShard(2, 2, 8, "abc", 99);
        assertEquals("cannot merge: shard 2/2 is of another experiment: its seed is 8, shard 1/2's is 7 (merge the shards of one kbench run"
                + " command line, run by one kbench build)",
                assertThrows(KbenchException.class, () -> ShardMerge.merge(tmp.resolve("res/x.csv"), false, Criteria.DEFAULT, out)).getMessage());
    }

    @Test
    void aShardOfAnotherKbenchBuildIsRefused() throws Exception {
        writeShard(1, 2, 7, "abc", 99);
        writeShard(2, 2, 7, "def", 99);
        assertEquals("cannot merge: shard 2/2 is of another experiment: its build is kbench 0.1.0 (def), shard 1/2's is kbench 0.1.0 (abc)"
                + " (merge the shards of one kbench run command line, run by one kbench build)",
                assertThrows(KbenchException.class, () -> ShardMerge.merge(tmp.resolve("res/x.csv"), false, Criteria.DEFAULT, out)).getMessage());
    }

    @Test
    void noShardsAndMixedSplitsAreRefused() throws Exception {
        Files.createDirectories(tmp.resolve("res"));
        assertEquals("cannot merge: no shard-K-of-N folder in " + tmp.resolve("res") + " (give the -o that the kbench run --shard K/N commands"
                + " were given)", assertThrows(KbenchException.class, () -> ShardMerge.merge(tmp.resolve("res/x.csv"), false, Criteria.DEFAULT, out))
                .getMessage());
        Files.createDirectories(tmp.resolve("res/shard-1-of-2"));
        Files.createDirectories(tmp.resolve("res/shard-1-of-3"));
        assertTrue(assertThrows(KbenchException.class, () -> ShardMerge.merge(tmp.resolve("res/x.csv"), false, Criteria.DEFAULT, out))
                .getMessage().startsWith("cannot merge: " + tmp.resolve("res") + " holds shards of 2 splits"));
    }
}
