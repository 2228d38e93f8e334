package dev.kbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.Settings;
import dev.kbench.guest.Workload;
import dev.kbench.plan.GuestSettings;
import dev.kbench.results.Effect;
import dev.kbench.results.KernelRounds;
import dev.kbench.results.Overhead;
import dev.kbench.results.Verdict;
import dev.kbench.vm.Accel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The line a precision stop prints: an icount interval of a few thousandths of a percent is not ±0.00 %. */
class PrecisionStopTest {

    @TempDir
    Path tmp;

    @Test
    void anIcountIntervalPrintsItsDigits() throws Exception {
        GuestSettings guest = GuestSettings.from(Settings.of(Map.of("KBENCH_CACHE", tmp.toString()), "/home/u"));
        Experiment experiment = Experiment.builder(guest).kernels(List.of("a", "b")).workloads(List.of(new Workload.BuiltIn("getppid")))
                .rounds(3).runs(1).warmups(0).accel(Accel.ICOUNT).precision(Optional.of(0.01)).out(tmp.resolve("out/x.csv")).build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrecisionStop stop = new PrecisionStop(experiment, Accel.ICOUNT, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        // round means a few parts per million apart, as under icount
        KernelRounds a = new KernelRounds("a", List.of(List.of(100_000_000L), List.of(100_000_400L), List.of(99_999_700L)));
        KernelRounds b = new KernelRounds("b", List.of(List.of(100_003_000L), List.of(100_002_500L), List.of(100_003_600L)));
        assertTrue(stop.reached(Map.of("getppid", List.of(a, b)), 3));
        String line = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(line.matches("kbench: precision reached after 3 rounds: every comparison's 95% CI within ±0\\.00[1-9][0-9] %"
                + " \\(asked ±0\\.01 %\\)\\n"), line);
        assertEquals(1, line.lines().count());
    }

    @Test
    void aSequentialLookKeepsOnlyTheWorkloadsStillUndecidedAtItsStricterLevel() throws Exception {
        GuestSettings guest = GuestSettings.from(Settings.of(Map.of("KBENCH_CACHE", tmp.toString()), "/home/u"));
        Experiment experiment = Experiment.builder(guest).kernels(List.of("a", "b"))
                .workloads(List.of(new Workload.BuiltIn("getppid"), new Workload.BuiltIn("fork"), new Workload.BuiltIn("exec"),
                        new Workload.BuiltIn("signal")))
                .rounds(2).runs(1).warmups(0).accel(Accel.ICOUNT).sequential(true).held(Optional.of(List.of())).out(tmp.resolve("out/x.csv")).build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrecisionStop stop = new PrecisionStop(experiment, Accel.ICOUNT, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        Map<String, List<KernelRounds>> rounds = Map.of(
                // the same within ±0.01 %: decided
                "getppid", List.of(rounds("a", 100_000_000L, 100_001_000L), rounds("b", 100_002_000L, 100_001_500L)),
                // 3 % apart, rounds 6 % apart: neither
                "fork", List.of(rounds("a", 100_000_000L, 106_000_000L), rounds("b", 106_000_000L, 112_000_000L)),
                // 7 % slower to within 0.01 %: decided
                "signal", List.of(rounds("a", 100_000_000L, 100_010_000L), rounds("b", 107_000_000L, 107_005_000L)));
        // exec has no rounds yet: undecided
        Map<String, List<Workload>> next = stop.undecided(rounds, 2);
        List<Workload> forkAndExec = List.of(new Workload.BuiltIn("fork"), new Workload.BuiltIn("exec"));
        assertEquals(Map.of("a", forkAndExec, "b", forkAndExec), next, "the baseline runs what any comparison still needs");
        assertEquals("kbench: after 2 rounds 2 workloads are still undecided (1 of 4 comparisons); the next round runs them on 2 of 2 kernels\n",
                bytes.toString(StandardCharsets.UTF_8));
        bytes.reset();
        assertEquals(Map.of(), stop.undecided(Map.of("getppid", rounds.get("getppid"), "signal", rounds.get("signal"),
                "fork", rounds.get("getppid"), "exec", rounds.get("signal")), 3));
        assertEquals("kbench: every comparison decided after 3 rounds (sequential: each at the level 1 - 0.05/3 for its 3 possible looks)\n",
                bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aWorkloadWhoseRoundsJumpBetweenModesWaitsForTheLastRoundsHoweverCloseItsFirstOnesAgree() throws Exception {
        GuestSettings guest = GuestSettings.from(Settings.of(Map.of("KBENCH_CACHE", tmp.toString()), "/home/u"));
        Experiment experiment = Experiment.builder(guest).kernels(List.of("a", "b"))
                .workloads(List.of(new Workload.BuiltIn("getppid"), new Workload.BuiltIn("page-fault")))
                .rounds(2).runs(1).warmups(0).accel(Accel.ICOUNT).sequential(true).out(tmp.resolve("out/x.csv")).build();
        assertEquals(List.of("page-fault"), experiment.heldUnder(Accel.ICOUNT), "the shipped round-modes table");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrecisionStop stop = new PrecisionStop(experiment, Accel.ICOUNT, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        // both of a's first rounds in page-fault's upper mode, agreeing to 0.01 %: 5 % "faster" with a tight interval
        KernelRounds a = rounds("a", 105_000_000L, 105_010_000L);
        KernelRounds b = rounds("b", 100_000_000L, 100_008_000L);
        Map<String, List<Workload>> next = stop.undecided(Map.of("getppid", List.of(a, b), "page-fault", List.of(a, b)), 2);
        assertEquals(Map.of("a", List.of(new Workload.BuiltIn("page-fault")), "b", List.of(new Workload.BuiltIn("page-fault"))), next,
                "getppid is decided on the same rounds; page-fault is not");
        assertEquals("kbench: after 2 rounds 1 workload is still undecided (1 of 2 comparisons; held to --max-rounds: page-fault, whose rounds"
                + " jump between modes or were never measured, docs/statistics.md); the next round runs it on 2 of 2 kernels\n",
                bytes.toString(StandardCharsets.UTF_8));
        Experiment fixed = Experiment.builder(guest).kernels(List.of("a", "b")).workloads(List.of(new Workload.BuiltIn("page-fault")))
                .rounds(4).runs(1).warmups(0).accel(Accel.ICOUNT).out(tmp.resolve("out/y.csv")).build();
        assertEquals(List.of(), fixed.heldUnder(Accel.ICOUNT), "nothing is held where every round runs every workload");
    }

    @Test
    void aDecisionAtALookNeedsTheStricterIntervalNotJustTheUsualOne() {
        // two rounds a side: at 95 % the interval is beyond +1 %, at 1 - 0.05/3 it reaches below it
        Overhead overhead = Overhead.of(new KernelRounds("a", List.of(List.of(1000L), List.of(1002L))),
                new KernelRounds("b", List.of(List.of(1020L), List.of(1022L))));
        Effect effect = new Effect(overhead, overhead.pValue(), Verdict.of(overhead, overhead.pValue(), 1));
        assertEquals(Verdict.SLOWER, effect.verdict(), overhead.toString());
        assertTrue(overhead.atLevel(1 - 0.05 / 3).ciLow() < 1, overhead.atLevel(1 - 0.05 / 3).toString());
        assertFalse(PrecisionStop.decided(effect, 3, 1));
        assertTrue(PrecisionStop.decided(effect, 1, 1), "one look: the usual interval");
    }

    private static KernelRounds rounds(String kernel, long... means) {
        return new KernelRounds(kernel, java.util.Arrays.stream(means).mapToObj(List::of).toList());
    }
}
