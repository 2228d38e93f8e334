package dev.kbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.ExitStatus;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code kbench plan}: its options, a plan from a committed JMH result, and its one-line errors. */
class PlanCommandOptionsTest extends InProcessCliTest {

    @Test
    void theEffectDefaultsToOnePercent() {
        PlanCommand plan = parse(PlanCommand.class, "plan", "x.json");
        assertEquals(Path.of("x.json"), plan.result);
        assertEquals(1.0, plan.effect);
    }

    @Test
    void plansEveryWorkloadOfAJmhResult() throws Exception {
        Path json = Path.of(PlanCommandOptionsTest.class.getResource("/results/jmh-suite.json").toURI());
        Outcome o = execute("plan", json.toString(), "--effect", "5");
        assertEquals(0, o.status(), o.err());
        assertTrue(o.out().lines().allMatch(l -> l.matches("[a-z0-9-]+: this run resolves ±[0-9.]+ % \\(\\d+ rounds of \\d+ runs?\\);"
                + " to resolve ±5 % run \\d+ rounds of \\d+ runs?")), o.out());
    }

    @Test
    void theEffectIsANumberOfPercentWithOrWithoutItsSign() {
        for (String effect : java.util.List.of("1", "1%", "1 %", "+1%", "1.0", " 1% ")) {
            assertEquals(1.0, parse(PlanCommand.class, "plan", "x.json", "--effect", effect).effect, effect);
        }
        assertEquals(0.5, parse(PlanCommand.class, "plan", "x.json", "--effect", "0.5 %").effect);
        assertEquals(0.5, parse(PlanCommand.class, "plan", "x.json", "--effect=.5%").effect);
    }

    @Test
    void aNegativeOrGarbageEffectIsAOneLineUsageErrorNamingTheOption() {
        assertUsageError(execute("plan", "x.json", "--effect", "-1%"), "plan",
                "Invalid value for option '--effect': '-1%' is negative: give a percentage of 0 or more, e.g. 1 or 0.5%");
        for (String bad : java.util.List.of("NaN", "Infinity", "one", "1%%", "%", "1 percent", "0x10")) {
            assertUsageError(execute("plan", "x.json", "--effect", bad), "plan",
                    "Invalid value for option '--effect': '" + bad + "' is not a percentage: write e.g. 1, 1% or 0.5%");
        }
    }

    @Test
    void anIcountResultsResolutionPrintsItsDigitsNotZero() throws Exception {
        // under icount a run repeats to a few parts per million: the plan must not say ±0.0 %
        Path log = tmp.resolve("icount.runs.jsonl");
        StringBuilder lines = new StringBuilder();
        long[][] values = {{100_000_000, 100_000_400, 99_999_700}, {100_003_000, 100_002_500, 100_003_600}};
        String[] kernels = {"caponly", "stack"};
        for (int k = 0; k < kernels.length; k++) {
            for (int round = 0; round < 3; round++) {
                lines.append(String.format(java.util.Locale.ROOT, "{\"time\":\"2026-11-27T14:01:08Z\",\"benchmark\":\"b\",\"kernel\":\"%s\","
                        + "\"workload\":\"getppid\",\"vm\":\"vm-%d-%d\",\"accel\":\"icount\",\"phase\":\"measurement\",\"iteration\":0,"
                        + "\"value\":%d,\"wallNs\":1000000000,\"error\":null,\"round\":%d,\"position\":%d}%n",
                        kernels[k], k, round, values[k][round], round, k));
            }
        }
        java.nio.file.Files.writeString(log, lines);
        Outcome o = execute("plan", log.toString(), "--effect", "0.01%");
        assertEquals(0, o.status(), o.err());
        assertTrue(o.out().startsWith("getppid: this run resolves ±0.00"), o.out());
        assertTrue(o.out().matches("getppid: this run resolves ±0\\.00[1-9][0-9] % \\(3 rounds of 1 run\\); to resolve ±0\\.01 % run \\d+ rounds"
                + " of 1 run.*\n"), o.out());
    }

    @Test
    void anEffectOutsideZeroToAHundredIsAUsageError() {
        assertUsageError(execute("plan", "x.json", "--effect", "0"), "plan",
                "Invalid value for option '--effect': '0': use a percentage above 0 and below 100");
    }

    @Test
    void aMissingResultIsOneLine() {
        assertOneLineError(execute("plan", "/no/such.json"), ExitStatus.BAD_INPUT, "result file not found: /no/such.json");
    }
}
