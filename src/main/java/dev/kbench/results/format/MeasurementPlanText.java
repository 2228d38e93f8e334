package dev.kbench.results.format;

import dev.kbench.results.MeasurementPlan;
import dev.kbench.results.Numbers;
import java.util.Locale;
import java.util.OptionalDouble;

/** A measurement plan in one line: what this result resolves, and what resolving a given effect would take. */
public final class MeasurementPlanText {

    private MeasurementPlanText() {
    }

    /**
     * E.g. "getppid: this run resolves ±12.3 % (4 rounds of 10 runs); to resolve ±1 % run 610
     * rounds of 3 runs, about 95 min"; an icount result's ±0.0030 %, not ±0.0 %.
     */
    public static String line(MeasurementPlan plan, double effectPercent, int warmups) {
        if (!plan.estimable()) {
            return plan.workload() + ": the spread between rounds needs two rounds per kernel; run more rounds to plan from it";
        }
        int runs = plan.optimalRuns();
        int rounds = plan.roundsFor(effectPercent, runs);
        OptionalDouble seconds = plan.seconds(rounds, runs, warmups);
        return String.format(Locale.ROOT, "%s: this run resolves ±%s %% (%d rounds of %s); to resolve ±%s %% run %d rounds of %s%s",
                plan.workload(), Numbers.percentDigits(plan.resolvablePercent(), 1), plan.rounds(), runs(plan.runs()),
                Numbers.asWritten(effectPercent), rounds, runs(runs),
                seconds.isPresent() ? ", about " + duration(seconds.getAsDouble()) : "");
    }

    private static String runs(int count) {
        return count == 1 ? "1 run" : count + " runs";
    }

    private static String duration(double seconds) {
        if (seconds < 120) {
            return Math.round(seconds) + " s";
        }
        if (seconds < 2 * 3600) {
            return Math.round(seconds / 60) + " min";
        }
        return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
    }
}
