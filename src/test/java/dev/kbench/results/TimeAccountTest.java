package dev.kbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.results.format.TimeAccountText;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeAccountTest {

    private static final long S = 1_000_000_000L;

    private static RunRecord round(String kernel, RoundTime spent) {
        return new RunRecord("t", "b", kernel, "eventfd", kernel + "-vm", "tcg", RunPhase.ROUND, 0, null, spent.totalNs(), null, 0, 0, spent, null);
    }

    private static RunRecord run(String kernel) {
        return new RunRecord("t", "b", kernel, "eventfd", kernel + "-vm", "tcg", RunPhase.MEASUREMENT, 0, 5L, 3 * S, null, 0, 0, null, null);
    }

    private static RunRecord end(long wallNs) {
        return new RunRecord("t", null, null, null, null, null, RunPhase.EXPERIMENT, 0, null, wallNs, null, null, null, null, null);
    }

    @Test
    void theRoundsAreSummedAndTheRestIsKbenchs() {
        List<RunRecord> records = List.of(run("a"), round("a", new RoundTime(10 * S, 2 * S, 30 * S, S / 2)), run("b"),
                round("b", new RoundTime(20 * S, 2 * S, 30 * S, S / 2)), end(100 * S));
        TimeAccount account = TimeAccount.of(records).orElseThrow();
        assertEquals(2, account.rounds());
        assertEquals(new RoundTime(30 * S, 4 * S, 60 * S, S), account.spent());
        assertEquals(5 * S, account.kbenchNs());
        assertEquals("time: boots 30 %, setup 4 %, runs 60 %, teardown 1 %, kbench 5 % of 1 min 40 s (2 rounds)",
                TimeAccountText.line(account));
    }

    @Test
    void aRoundCostsItsBootSetUpTeardownAndShareOfKbenchsTimeNotAnInterruption() {
        // a resumed experiment: hours pass between the first VM's last run and the second's first
        RunRecord before = new RunRecord("2026-11-27T10:00:00Z", "b", "a", "eventfd", "a-vm", "tcg", RunPhase.MEASUREMENT, 0, 5L, 3 * S, null, 0, 0,
                null, null);
        RunRecord after = new RunRecord("2026-11-27T15:00:00Z", "b", "b", "eventfd", "b-vm", "tcg", RunPhase.MEASUREMENT, 0, 5L, 3 * S, null, 0, 1,
                null, null);
        List<RunRecord> records = List.of(before, round("a", new RoundTime(10 * S, 2 * S, 30 * S, S / 2)), after,
                round("b", new RoundTime(20 * S, 2 * S, 30 * S, S / 2)), end(100 * S));
        RunCosts costs = RunCosts.of(records, "eventfd");
        // (12.5 + 22.5) / 2 s beyond the runs, and 5 s of kbench's own time shared by 2 rounds
        assertEquals(17.5 + 2.5, costs.roundSeconds().getAsDouble(), 1e-9);
        assertEquals(3.0, costs.runSeconds().getAsDouble(), 1e-9);
        // an old log without round records is read by its time stamps
        assertEquals(5 * 3600 - 3.0, RunCosts.of(List.of(before, after), "eventfd").roundSeconds().getAsDouble(), 1e-9);
    }

    @Test
    void aShareUnderOnePercentSaysItIsThere() {
        TimeAccount account = TimeAccount.of(List.of(round("a", new RoundTime(10 * S, S, 88 * S, S / 5)), end(100 * S))).orElseThrow();
        assertTrue(TimeAccountText.line(account).contains("teardown 0.2 %"), TimeAccountText.line(account));
        TimeAccount tiny = TimeAccount.of(List.of(round("a", new RoundTime(10 * S, S, 88 * S, S / 100)), end(100 * S))).orElseThrow();
        assertTrue(TimeAccountText.line(tiny).contains("teardown < 0.1 %"), TimeAccountText.line(tiny));
    }

    @Test
    void noAccountBeforeTheExperimentEndsOrWithoutRounds() {
        assertTrue(TimeAccount.of(List.of(run("a"), round("a", new RoundTime(S, S, S, S)))).isEmpty(), "not ended");
        assertTrue(TimeAccount.of(List.of(run("a"), end(10 * S))).isEmpty(), "no round said where its time went");
    }

    @Test
    void roundsLongerThanTheClockSaidStillAddUpToAtMostAHundredPercent() {
        TimeAccount account = TimeAccount.of(List.of(round("a", new RoundTime(60 * S, 0, 60 * S, 0)), end(100 * S))).orElseThrow();
        assertEquals(0, account.kbenchNs());
        assertEquals(50.0, account.share(60 * S), 1e-9);
    }
}
