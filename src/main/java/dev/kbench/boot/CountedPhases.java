package dev.kbench.boot;

import dev.kbench.count.CountLog;
import dev.kbench.vm.Marker;
import java.util.List;
import java.util.Map;

/**
 * A boot's phases in guest instructions, or the one line that says why it has none. kbench's
 * TCG plugin cannot read the byte an OUT writes, so its n-th stamp belongs to the n-th marker
 * byte the host received (both are in execution order); when their numbers differ, a write the
 * plugin does not recognise (e.g. {@code out %al,(%dx)}) would shift every pair after it, so
 * none is paired and the host's times stand alone.
 *
 * @param phases field name to instructions; empty with a {@code note}
 * @param note why there are none, or null
 */
public record CountedPhases(Map<String, Long> phases, String note) {

    public CountedPhases {
        // in the phases' order, as the boot log writes them
        phases = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(phases));
    }

    /** The phases of {@code markers} (as received, once the agent is ready) from the plugin's {@code counts}. */
    public static CountedPhases of(String kernel, List<Marker> markers, CountLog counts) {
        List<Long> stamps = counts.markers();
        if (stamps.size() != markers.size()) {
            return new CountedPhases(Map.of(), "kernel " + kernel + ": the TCG plugin stamped " + stamps.size()
                    + " marker writes (outb %al,$0xf4) but the host received " + markers.size()
                    + " marker bytes, so no phase is given in instructions (host times only): does it write port 0xf4 another way?");
        }
        return new CountedPhases(BootPhases.instructions(markers, stamps), null);
    }
}
