package dev.kbench.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kbench.ExitStatus;
import dev.kbench.run.OrderDesign;
import dev.kbench.run.RunOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeroturnaround.exec.ProcessExecutor;

/**
 * {@code kbench slurm} on a real Slurm (a single-node cluster the test starts: Debian's slurm-wlm
 * and munge): the shards run as a job array, the merge after them, and the merged result is what
 * one host would have run; a failing shard is named with its log.
 */
class SlurmIT {

    private static final List<String> KERNELS = List.of("default", "caponly");
    private static final List<String> WORKLOADS = List.of("eventfd", "getppid");
    private static final int ROUNDS = 4;
    private static final long SEED = 5;

    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
    Path tmp;

    /** The cluster's own folder: munged wants every folder above its socket searchable, which the fixture sees to in a temp folder of its own. */
    @TempDir
    Path cluster;

    @Test
    void twoShardsOnSlurmMergeIntoWhatOneHostWouldHaveRun() throws Exception {
        TestKernel.debianCloud();
        try (SlurmTestCluster slurm = SlurmTestCluster.start(cluster)) {
            List<String> lines = new ArrayList<>();
            int exit = KbenchProcess.run(tmp, slurm.environment(), lines, "slurm", "--shards", "2", "--partition", slurm.partition(), "--wait", "--",
                    "-k", "default", "caponly", "--variant", "caponly=default lsm=capability", "-w", String.join(",", WORKLOADS),
                    "--scale", "0.05", "--rounds", Integer.toString(ROUNDS), "--runs", "2", "--warmups", "1", "--accel", "tcg",
                    "--seed", Long.toString(SEED), "-o", "res/x.csv");
            assertEquals(0, exit, "kbench slurm --wait failed; its output is above");
            assertTrue(lines.stream().anyMatch(l -> l.matches("kbench slurm: shard 1/2 COMPLETED on .*")), lines.toString());
            assertTrue(lines.stream().anyMatch(l -> l.matches("kbench slurm: shard 2/2 COMPLETED on .*")), lines.toString());
            // the one node ran both shards: one machine, so one host of the analysis and no spread between hosts
            assertTrue(lines.stream().noneMatch(l -> l.startsWith("kbench: eventfd: 2 hosts")), "shards of one node are one host: " + lines);
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("kbench: time: boots ") && l.contains(" over 2 shards, the longest ")),
                    "where the shards' time went: " + lines);
        }
        assertEquals(List.of(), QemuProcesses.ours());

        // the rows one host would have written: every round in turn, each in the order the seed gives, a run per column
        OrderDesign design = OrderDesign.of(RunOrder.BALANCED, KERNELS.size(), ROUNDS, SEED);
        List<List<String>> order = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            order.add(design.round(round).stream().map(KERNELS::get).toList());
        }
        for (String workload : WORKLOADS) {
            List<String> rows = Files.readAllLines(tmp.resolve("res/x." + workload + ".csv"));
            assertEquals("kernel path,round,run 0,run 1", rows.get(0));
            List<String> expected = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                for (String kernel : order.get(round)) {
                    expected.add(kernel + "," + round);
                }
            }
            assertEquals(expected, rows.stream().skip(1).map(r -> r.split(",")[0] + "," + r.split(",")[1]).toList(), workload);
        }
        JsonNode setup = new ObjectMapper().readTree(tmp.resolve("res/x.setup.json").toFile());
        assertEquals(order, new ObjectMapper().convertValue(setup.get("rounds"), List.class));
        assertEquals(2, setup.get("hosts").size(), "each shard's host fingerprint");
        JsonNode json = new ObjectMapper().readTree(tmp.resolve("res/x.json").toFile());
        assertEquals(ROUNDS, json.get(0).path("forks").asInt(), "every round of both shards a fork");
        // one machine: no table of the spread between hosts
        assertTrue(Files.exists(tmp.resolve("res/x.comparison.md")) && !Files.readString(tmp.resolve("res/x.comparison.md")).contains("# Hosts"));
    }

    /**
     * docs/cluster.md's single-node {@code kbench slurm} line, run as written: it gives no {@code --seed},
     * so kbench slurm draws one for both shards, says it, and the merge joins them (each shard
     * drawing its own used to make the merge refuse them as shards of two experiments).
     */
    @Test
    void theClusterPagesExampleWithoutASeedMerges() throws Exception {
        List<String> args = pageExample("./kbench slurm --shards 2 --wait -- ");
        assertFalse(args.stream().anyMatch(arg -> arg.startsWith("--seed")), "the page's example gives no seed: " + args);
        List<String> kernels = args.subList(args.indexOf("-k") + 1, args.indexOf("-k") + 3);
        List<String> workloads = List.of(args.get(args.indexOf("-w") + 1).split(","));
        int rounds = Integer.parseInt(args.get(args.indexOf("--rounds") + 1));
        Path out = tmp.resolve(args.get(args.indexOf("-o") + 1));
        String name = out.getFileName().toString().replaceFirst("\\.csv$", "");
        TestKernel.debianCloud();
        List<String> lines = new ArrayList<>();
        try (SlurmTestCluster slurm = SlurmTestCluster.start(cluster)) {
            int exit = KbenchProcess.run(tmp, slurm.environment(), lines, args.toArray(String[]::new));
            assertEquals(0, exit, "kbench slurm --wait failed; its output is above");
        }
        assertEquals(List.of(), QemuProcesses.ours());
        Pattern seedLine = Pattern.compile("kbench: seed (\\d+) for all 2 shards \\(--seed \\1 repeats the order\\)");
        List<Long> seeds = lines.stream().map(seedLine::matcher).filter(Matcher::matches).map(m -> Long.parseLong(m.group(1))).toList();
        assertEquals(1, seeds.size(), "one seed line: " + lines);
        assertTrue(lines.stream().anyMatch(l -> l.matches("kbench slurm: shard 1/2 COMPLETED on .*")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.matches("kbench slurm: shard 2/2 COMPLETED on .*")), lines.toString());

        // merged: every round of both shards, in the order of the seed kbench slurm printed
        OrderDesign design = OrderDesign.of(RunOrder.BALANCED, kernels.size(), rounds, seeds.get(0));
        for (String workload : workloads) {
            List<String> expected = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                for (int kernel : design.round(round)) {
                    expected.add(kernels.get(kernel) + "," + round);
                }
            }
            List<String> rows = Files.readAllLines(out.resolveSibling(name + "." + workload + ".csv"));
            assertEquals(expected, rows.stream().skip(1).map(r -> r.split(",")[0] + "," + r.split(",")[1]).toList(), workload);
        }
        JsonNode setup = new ObjectMapper().readTree(out.resolveSibling(name + ".setup.json").toFile());
        assertEquals(seeds.get(0).longValue(), setup.get("seed").asLong());
        assertEquals(2, setup.get("hosts").size(), "each shard's host fingerprint");
        JsonNode json = new ObjectMapper().readTree(out.resolveSibling(name + ".json").toFile());
        assertEquals(rounds, json.get(0).path("forks").asInt(), "every round of both shards a fork");
    }

    /** The command line of docs/cluster.md that starts with {@code prefix}, split into words as the shell splits it, without {@code ./kbench}. */
    private static List<String> pageExample(String prefix) throws Exception {
        List<String> found = Files.readAllLines(Path.of("docs/cluster.md")).stream().filter(l -> l.startsWith(prefix)).toList();
        assertEquals(1, found.size(), "one line of docs/cluster.md starts with " + prefix + ": " + found);
        String words = new ProcessExecutor("sh", "-c", "printf '%s\\0' " + found.get(0)).readOutput(true).exitValueNormal().execute().outputUTF8();
        List<String> args = List.of(words.split("\0"));
        assertEquals("./kbench", args.get(0));
        return args.subList(1, args.size());
    }

    @Test
    void aFailingShardIsNamedWithItsLogAndTheMergeNeverRuns() throws Exception {
        try (SlurmTestCluster slurm = SlurmTestCluster.start(cluster)) {
            List<String> lines = new ArrayList<>();
            int exit = KbenchProcess.run(tmp, slurm.environment(), lines, "slurm", "--shards", "2", "--wait", "--", "-k", "/no/such/bzImage", "other",
                    "--rounds", "2", "--accel", "tcg", "-o", "res/x.csv");
            assertEquals(ExitStatus.STOPPED.code(), exit, lines.toString());
            for (int shard = 1; shard <= 2; shard++) {
                String log = tmp.resolve("res/x.slurm/shard-" + shard + ".out").toString();
                String prefix = "kbench: error: shard " + shard + "/2 FAILED on ";
                assertTrue(lines.stream().anyMatch(l -> l.startsWith(prefix) && l.contains("(exit code " + ExitStatus.BAD_INPUT.code() + ":0): see " + log + "; it ends: kbench: error: ")
                        && l.contains("/no/such/bzImage")), "shard " + shard + " named with its log and why: " + lines);
            }
            assertTrue(Files.notExists(tmp.resolve("res/x.slurm/merge.out")), "the merge never ran");
        }
    }

    @Test
    void ctrlCStopsTheWatchingAndSaysTheJobsGoOn() throws Exception {
        TestKernel.debianCloud();
        try (SlurmTestCluster slurm = SlurmTestCluster.start(cluster)) {
            List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
            org.zeroturnaround.exec.StartedProcess watching = KbenchProcess.command(tmp, slurm.environment(), lines, "slurm", "--shards", "2", "--wait",
                    "--", "-k", "default", "caponly", "--variant", "caponly=default lsm=capability", "-w", "getppid", "--rounds", "2", "--accel", "tcg",
                    "-o", "res/x.csv").start();
            long deadline = System.nanoTime() + java.time.Duration.ofMinutes(2).toNanos();
            while (System.nanoTime() < deadline && lines.stream().noneMatch(l -> l.contains("RUNNING"))) {
                Thread.sleep(200);
            }
            assertTrue(lines.stream().anyMatch(l -> l.contains("RUNNING")), "no shard started: " + lines);
            new org.zeroturnaround.exec.ProcessExecutor("kill", "-INT", Long.toString(watching.getProcess().pid())).execute();
            watching.getFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(lines.contains("kbench slurm: stopped watching; jobs 1 and 2 go on (scancel 1 2 stops them)"), lines.toString());
        }
        assertEquals(List.of(), QemuProcesses.ours(), "the cluster's close cancels the jobs, and their VMs go with them");
    }
}
