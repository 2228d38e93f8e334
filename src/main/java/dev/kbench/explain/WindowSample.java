package dev.kbench.explain;

import java.util.Collections;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * One measured run of the workload: what it printed, converted to instructions (under icount a
 * nanosecond of the guest's clock is one instruction), and what kbench's plugin counted inside
 * its window, per function.
 *
 * @param printed the workload's own count in instructions; empty when the accelerator does not make its unit one (plain TCG)
 * @param functions instructions per function (and "user space", "unknown kernel"), summing to the window's total
 */
public record WindowSample(OptionalLong printed, Map<String, Long> functions) {

    public WindowSample {
        functions = Collections.unmodifiableMap(new TreeMap<>(functions));
    }

    /** Every instruction inside the window. */
    public long total() {
        return functions.values().stream().mapToLong(Long::longValue).sum();
    }
}
