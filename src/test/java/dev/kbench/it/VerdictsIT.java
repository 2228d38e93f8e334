package dev.kbench.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verdicts on real VMs, under icount, where a workload's count repeats across boots to a
 * fraction of a percent: the same kernel under two names is {@code same}, and capabilities alone
 * are {@code faster} than Debian's default LSM stack on open+close (its hooks cost about 8 %
 * of the instructions, docs/lsm-cost.md).
 */
class VerdictsIT {

    @TempDir
    Path tmp;

    @Test
    void anAaComparisonIsTheSameAndAnLsmStackIsSlowerThanCapabilitiesAlone() throws Exception {
        TestKernel.debianCloud();
        List<String> lines = new ArrayList<>();
        int exit = KbenchProcess.run(tmp, lines, "run", "-k", "stack", "stack-again", "caponly", "--variant", "stack=default",
                "--variant", "stack-again=default", "--variant", "caponly=default lsm=capability", "-w", "open-close",
                "--rounds", "3", "--runs", "2", "--warmups", "1", "--accel", "icount", "-o", "verdicts.csv");
        assertEquals(0, exit, "kbench run failed; its output is above");
        List<String> table = Files.readAllLines(tmp.resolve("verdicts.comparison.md"));
        assertTrue(row(table, "stack-again").endsWith("| same (instructions) |"), String.join("\n", table));
        assertTrue(row(table, "caponly").endsWith("| faster (instructions) |"), String.join("\n", table));
        assertEquals(List.of(), QemuProcesses.ours());
    }

    @Test
    void aPrecisionStopsAddingRoundsWhenTheIntervalsAreNarrowEnoughOrALimitIsHit() throws Exception {
        TestKernel.debianCloud();
        List<String> icount = new ArrayList<>();
        assertEquals(0, KbenchProcess.run(tmp, icount, "run", "-k", "a", "b", "--variant", "a=default", "--variant", "b=default",
                "-w", "getppid", "--rounds", "2", "--runs", "1", "--warmups", "0", "--accel", "icount", "--precision", "1",
                "--max-rounds", "6", "-o", "icount.csv"));
        assertTrue(icount.stream().anyMatch(l -> l.startsWith("kbench: precision reached after 2 rounds: every comparison's 95% CI within ±")),
                icount.toString());
        assertEquals(1 + 2 * 2, Files.readAllLines(tmp.resolve("icount.csv")).size(), "no round past the two asked for");

        List<String> tcg = new ArrayList<>();
        assertEquals(0, KbenchProcess.run(tmp, tcg, "run", "-k", "a", "b", "--variant", "a=default", "--variant", "b=default",
                "-w", "getppid", "--rounds", "2", "--runs", "1", "--warmups", "0", "--accel", "tcg", "--order", "random", "--precision", "0.01",
                "--max-rounds", "3", "-o", "tcg.csv"));
        assertTrue(tcg.stream().anyMatch(l -> l.startsWith("kbench: --max-rounds 3 reached; the widest 95% CI is ±")), tcg.toString());
        assertEquals(1 + 3 * 2, Files.readAllLines(tmp.resolve("tcg.csv")).size(), "one round past the two asked for, up to the limit");
        assertEquals(List.of(), QemuProcesses.ours());
    }

    private static String row(List<String> table, String kernel) {
        return table.stream().filter(l -> l.startsWith("| " + kernel + " |")).findFirst().orElse("(no row for " + kernel + ")");
    }
}
