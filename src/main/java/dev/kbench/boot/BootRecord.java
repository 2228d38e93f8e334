package dev.kbench.boot;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * One boot as kbench records it the moment it ends: which kernel and setting, the phases its
 * markers gave (microseconds; absent phases are absent), and the host-side time from QEMU's
 * start to the agent's first answer.
 *
 * @param setting what else defined the boot: memory, cache warm/cold, accelerator, machine
 * @param warmup a boot that only warms the host's page cache: recorded, not summarised
 * @param error why the boot failed, or null
 * @param instructions the same phases in guest instructions, for a boot that counted them
 *                     ({@code kbench boot --count instructions}); empty otherwise, and in logs
 *                     written before kbench counted
 * @param countNote why a boot that counted has no phases in instructions, or null
 */
public record BootRecord(String time, String kernel, Map<String, String> setting, int boot, boolean warmup, Map<String, Double> phases,
        double hostReadyMicros, String error, @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Long> instructions,
        @JsonInclude(JsonInclude.Include.NON_NULL) String countNote) {

    public BootRecord {
        instructions = instructions == null ? Map.of() : instructions;
    }

    /** A boot that did not count instructions. */
    public BootRecord(String time, String kernel, Map<String, String> setting, int boot, boolean warmup, Map<String, Double> phases,
            double hostReadyMicros, String error) {
        this(time, kernel, setting, boot, warmup, phases, hostReadyMicros, error, Map.of(), null);
    }

    /** A measured boot that succeeded: what tables and plots are made of. */
    public boolean measured() {
        return !warmup && error == null;
    }

    /** The kernel and setting as one label, e.g. {@code stock mem=512 cache=warm}. */
    public String group() {
        StringBuilder label = new StringBuilder(kernel);
        setting.forEach((name, value) -> label.append(' ').append(name).append('=').append(value));
        return label.toString();
    }
}
