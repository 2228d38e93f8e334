package dev.kbench.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kbench.plan.RoundSlot;
import dev.kbench.results.JmhResults;
import dev.kbench.results.KernelRounds;
import dev.kbench.results.RunLog;
import dev.kbench.results.RunPhase;
import dev.kbench.results.RunRecord;
import dev.kbench.run.OrderDesign;
import dev.kbench.run.RunOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeroturnaround.exec.StartedProcess;

/**
 * {@code kbench run --resume}: an experiment killed mid-way (SIGKILL to kbench and its JMH fork,
 * as a crash or the OOM killer would) is continued from its run log and kept results: the rounds
 * measured are not measured again, the order continues where it stopped, and the outputs are
 * those of an uninterrupted run.
 */
class ResumeIT {

    private static final List<String> KERNELS = List.of("default", "caponly");
    private static final int ROUNDS = 4;
    private static final long SEED = 7;

    @TempDir
    Path tmp;

    @Test
    void aKilledExperimentIsResumedWithoutMeasuringAKeptRoundAgain() throws Exception {
        TestKernel.debianCloud();
        List<String> first = new ArrayList<>();
        StartedProcess kbench = KbenchProcess.command(tmp, first, "run", "-k", "default", "caponly", "--variant", "caponly=default lsm=capability",
                "-w", "getppid", "--scale", "0.05", "--rounds", Integer.toString(ROUNDS), "--runs", "2", "--warmups", "0", "--accel", "tcg",
                "--seed", Long.toString(SEED), "-o", "sweep.csv").start();
        ProcessHandle handle = kbench.getProcess().toHandle();
        Path csv = tmp.resolve("sweep.csv");
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (System.nanoTime() < deadline && handle.isAlive() && !(Files.exists(csv) && Files.readAllLines(csv).size() >= 4)) {
            Thread.sleep(100);
        }
        assertTrue(handle.isAlive() && Files.readAllLines(csv).size() >= 4, "three kernel rounds did not finish while kbench ran: " + first);
        List<ProcessHandle> tree = new ArrayList<>(handle.descendants().toList());
        tree.add(handle);
        tree.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle process : tree) {
            process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        List<String> before = Files.readAllLines(csv);
        assertTrue(before.size() < 1 + ROUNDS * KERNELS.size(), "killed before the end: " + before);

        List<String> second = new ArrayList<>();
        assertEquals(0, KbenchProcess.run(tmp, second, "run", "--resume", "sweep.csv"), "kbench run --resume failed; its output is above");
        assertEquals(List.of(), QemuProcesses.ours());

        Matcher resuming = second.stream().map(Pattern.compile("Resuming: (\\d+) of 8 kernel rounds were measured before and are kept .*")::matcher)
                .filter(Matcher::matches).findFirst().orElseThrow(() -> new AssertionError("no Resuming line: " + second));
        int kept = Integer.parseInt(resuming.group(1));
        assertTrue(kept >= before.size() - 1 && kept < 8, "kept " + kept + " with " + (before.size() - 1) + " rows written");
        assertEquals(kept, second.stream().filter(l -> l.endsWith(": kept from before the interruption")).count(), second.toString());
        assertEquals(8 - kept, second.stream().filter(l -> l.matches("\tEvaluating (default|caponly): 100% average=.*")).count(), second.toString());

        // the CSV of an uninterrupted run: every kernel round once, in the order the seed gives, the kept rows as they were measured
        List<String> rows = Files.readAllLines(csv);
        assertEquals(before.subList(0, before.size()), rows.subList(0, before.size()), "rows measured before the kill are kept, not measured again");
        OrderDesign design = OrderDesign.of(RunOrder.BALANCED, KERNELS.size(), ROUNDS, SEED);
        List<String> expected = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            for (int index : design.round(round)) {
                expected.add(KERNELS.get(index) + "," + round);
            }
        }
        assertEquals(expected, rows.subList(1, rows.size()).stream().map(r -> r.split(",")[0] + "," + r.split(",")[1]).toList(), rows.toString());

        // the run log: one VM per kernel round, each where the design put it; the cut-off round's records moved aside
        List<RunRecord> records = RunLog.read(tmp.resolve("sweep.runs.jsonl"));
        List<RunRecord> rounds = records.stream().filter(r -> r.phase() == RunPhase.ROUND).toList();
        assertEquals(8, rounds.size(), rounds.toString());
        for (RunRecord round : rounds) {
            assertEquals(KERNELS.get(design.round(round.round()).get(round.position())), round.kernel(), round.toString());
        }
        assertEquals(8, rounds.stream().map(r -> new RoundSlot(r.round(), r.position())).distinct().count(), "no kernel round twice");
        assertEquals(16, records.stream().filter(RunRecord::measured).count(), "2 measured runs per kernel round, none twice");
        assertEquals(1, records.stream().filter(r -> r.phase() == RunPhase.EXPERIMENT).count());

        // the JSON: each kernel's four rounds as forks, the same values as the CSV
        List<KernelRounds> json = JmhResults.read(tmp.resolve("sweep.json"));
        for (KernelRounds kernel : json) {
            assertEquals(ROUNDS, kernel.rounds().size(), kernel.toString());
            for (int round = 0; round < ROUNDS; round++) {
                String row = kernel.kernel() + "," + round + "," + kernel.rounds().get(round).get(0) + "," + kernel.rounds().get(round).get(1);
                assertTrue(rows.contains(row), row + " not in " + rows);
            }
        }
        for (JsonNode result : new ObjectMapper().readTree(tmp.resolve("sweep.json").toFile())) {
            assertEquals(ROUNDS, result.path("forks").asInt(), result.toString());
            int kernel = KERNELS.indexOf(result.path("params").path("kernel").asText());
            List<Integer> positions = new ArrayList<>();
            result.path("positionInRound").forEach(p -> positions.add(p.asInt()));
            List<Integer> expectedPositions = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                expectedPositions.add(design.round(round).indexOf(kernel));
            }
            assertEquals(expectedPositions, positions, "where the kernel ran in each round, in the JSON: " + result.path("params"));
        }
        assertTrue(Files.readString(tmp.resolve("sweep.comparison.md")).contains("| caponly | 4 | 8 |"), "the comparison has all rounds");
    }
}
