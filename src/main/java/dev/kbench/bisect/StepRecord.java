package dev.kbench.bisect;

import java.util.List;

/**
 * One step as {@code bisect.json} keeps it and the table shows it: the commit git proposed in the
 * range {@code good..bad}, what it was called, where it stands on each workload that regressed,
 * and what the step cost.
 *
 * @param cause why it was skipped (empty otherwise)
 * @param logTail the last lines of its build's log, when it did not build
 * @param folder the step's measurement (CSV, JSON, run log), relative to OUT; empty when not measured
 */
record StepRecord(int number, String good, String bad, String commit, String subject, String date, String call, List<Position> positions,
        double buildSeconds, double measureSeconds, String folder, String cause, List<String> logTail) {

    StepRecord {
        positions = List.copyOf(positions);
        logTail = List.copyOf(logTail);
    }

    StepCall stepCall() {
        return StepCall.valueOf(call.toUpperCase(java.util.Locale.ROOT));
    }

    boolean answers(String rangeGood, String rangeBad, String hash) {
        return good.equals(rangeGood) && bad.equals(rangeBad) && commit.equals(hash);
    }
}
