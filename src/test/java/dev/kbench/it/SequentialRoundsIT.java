package dev.kbench.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.results.RunLog;
import dev.kbench.results.RunPhase;
import dev.kbench.results.RunRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sequential rounds on real VMs under icount, as two jobs: two names of one kernel, getppid (the
 * same to a few instructions, decided after the first two rounds) beside a program whose value
 * changes with every boot (never decided, and held to --max-rounds as no table measured it): the rounds past the first run only the program, on both
 * kernels, each job deciding on both jobs' rounds; and the warm-ups run only where the first run
 * differs (the program, which the table has not measured; not getppid).
 */
class SequentialRoundsIT {

    private static final Path TEST_PROGRAMS = Path.of("target/test-classes/guest-test").toAbsolutePath();

    @TempDir
    Path tmp;

    @Test
    void roundsPastTheFirstRunOnlyTheUndecidedWorkloadAndWarmUpsOnlyWhereNeeded() throws Exception {
        TestKernel.debianCloud();
        String noise = TEST_PROGRAMS.resolve("boot_noise").toString();
        List<String> lines = new ArrayList<>();
        int exit = KbenchProcess.run(tmp, lines, "run", "-k", "a", "b", "--variant", "a=default", "--variant", "b=default",
                "-w", "getppid," + noise, "--runs", "1", "--accel", "icount", "--jobs", "2", "-o", "seq.csv");
        assertEquals(0, exit, "kbench run failed; its output is above");
        assertEquals(List.of(), QemuProcesses.ours());

        assertTrue(lines.stream().anyMatch(l -> l.endsWith("kbench: after 2 rounds 1 workload is still undecided (1 of 2 comparisons; held to"
                + " --max-rounds: " + noise + ", whose rounds jump between modes or were never measured, docs/statistics.md);"
                + " the next round runs it on 2 of 2 kernels")), String.join("\n", lines));
        assertEquals(1 + 2 * 2, Files.readAllLines(tmp.resolve("seq.getppid.csv")).size(), "getppid: the first 2 rounds only");
        assertEquals(1 + 4 * 2, Files.readAllLines(tmp.resolve("seq.boot_noise.csv")).size(), "the program: up to --max-rounds 4");

        List<RunRecord> runs = RunLog.read(tmp.resolve("seq.runs.jsonl")).stream().filter(RunRecord::workloadRun).toList();
        Set<Integer> getppidRounds = new TreeSet<>();
        runs.stream().filter(r -> r.workload().equals("getppid")).forEach(r -> getppidRounds.add(r.round()));
        assertEquals(Set.of(0, 1), getppidRounds);
        assertEquals(0, runs.stream().filter(r -> r.workload().equals("getppid") && r.phase() == RunPhase.WARMUP).count(),
                "icount's first getppid run is like the later ones: no warm-up");
        assertEquals(8 * 5, runs.stream().filter(r -> r.workload().equals(noise) && r.phase() == RunPhase.WARMUP).count(),
                "a program of the user's is warmed (kbench run's 5) in each of its 8 VMs");
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("kbench: ran ") && l.contains("in each of the 8 VMs would have been 96: 44 saved")),
                String.join("\n", lines));
    }
}
