package dev.kbench.guest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a built-in workload's one integer counts, as its C file declares it ({@code kbench-prints:})
 * and the Makefile lists it in {@code workloads/UNITS}: the elapsed time of all {@code count}
 * operations in nanoseconds, or their process CPU time in microseconds (eventfd, lsm-perf's
 * original), at the workload's default count.
 */
public record PrintedUnit(Kind kind, long count) {

    /** The two things a built-in workload prints. */
    public enum Kind {
        /** elapsed CLOCK_MONOTONIC nanoseconds */
        NS,
        /** process CPU microseconds ({@code clock()}) */
        US_CPU
    }

    public PrintedUnit {
        if (count < 1) {
            throw new IllegalArgumentException("a workload's count must be positive: " + count);
        }
    }

    /** The declared unit of a built-in workload, or empty for any other name (a program of the user's). */
    public static Optional<PrintedUnit> ofBuiltIn(String name) throws IOException {
        return Optional.ofNullable(all().get(name));
    }

    /** Every built-in workload's unit, by name, in the Makefile's order. */
    public static Map<String, PrintedUnit> all() throws IOException {
        Map<String, PrintedUnit> units = new LinkedHashMap<>();
        for (String line : new String(GuestImage.resource("workloads/UNITS"), StandardCharsets.UTF_8).split("\n")) {
            String[] fields = line.strip().split(" ");
            if (fields.length == 3) {
                units.put(fields[0], new PrintedUnit(fields[1].equals("us-cpu") ? Kind.US_CPU : Kind.NS, Long.parseLong(fields[2])));
            }
        }
        return units;
    }
}
