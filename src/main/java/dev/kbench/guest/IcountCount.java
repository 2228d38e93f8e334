package dev.kbench.guest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How many operations a built-in workload runs under icount ({@code --scale auto}), as its C file
 * declares it ({@code ICOUNT_ITERATIONS}, beside its {@code DEFAULT_ITERATIONS}) and the Makefile
 * lists it in {@code workloads/ICOUNT}. Each count was measured ({@code benchmarks/icount-counts.sh},
 * docs/measurements.md): cut from the default only as far as the workload's instructions per
 * operation stay within 0.1 % of their value at the default count (or within the workload's own
 * run-to-run noise, when that is larger), so that under icount, where most runs repeat to within
 * 0.01 %, fewer operations give the same result sooner.
 */
public final class IcountCount {

    private IcountCount() {
    }

    /** The count built-in workload {@code name} runs under icount, or empty for any other name (a program of the user's). */
    public static Optional<Long> ofBuiltIn(String name) throws IOException {
        return Optional.ofNullable(all().get(name));
    }

    /** Every built-in workload's icount count, by name, in the Makefile's order. */
    public static Map<String, Long> all() throws IOException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String line : new String(GuestImage.resource("workloads/ICOUNT"), StandardCharsets.UTF_8).split("\n")) {
            String[] fields = line.strip().split(" ");
            if (fields.length == 2) {
                counts.put(fields[0], Long.parseLong(fields[1]));
            }
        }
        return counts;
    }
}
