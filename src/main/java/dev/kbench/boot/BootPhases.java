package dev.kbench.boot;

import dev.kbench.vm.Marker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The phases of one boot, in microseconds, computed from its markers with the (FG)KASLR suite's
 * definitions, plus kbench's own phases from its agent's markers. A phase whose markers are
 * missing, or arrived in the wrong order, is absent: never zero by accident, never negative.
 */
public final class BootPhases {

    /** The suite's fields, in its order and with its names. */
    public static final List<String> SUITE = List.of("in_monitor", "guest", "bootstrap", "decomp", "parse_elf", "bootstrap_rando");
    /**
     * kbench's fields: the guest's first instruction to the kernel's first marker (BIOS and option
     * ROM on {@code pc}), QEMU start to the agent's first marker, to its ready marker, and between.
     */
    public static final List<String> KBENCH = List.of("firmware", "to_init", "init_to_ready", "to_ready");

    private BootPhases() {
    }

    /**
     * The phases of a boot, field name to microseconds, in the order of {@link #SUITE} then
     * {@link #KBENCH}: {@code in_monitor} from QEMU's start-up (QEMU's start until it ran the
     * guest's first instruction, {@code vmmStartup}), the rest from the markers present.
     */
    public static Map<String, Double> of(List<Marker> markers, Duration vmmStartup) {
        Map<String, Double> phases = new LinkedHashMap<>();
        // in_monitor is the time in the VMM before the guest runs, as in Firecracker, where no
        // firmware runs either; under QEMU the firmware's time until the kernel's first marker
        // (the bootstrap loader's, or the kernel's on a direct PVH boot) is a phase of its own
        long startup = vmmStartup.toNanos();
        phases.put("in_monitor", micros(startup));
        spans(markers, startup).forEach((phase, nanos) -> phases.put(phase, micros(nanos)));
        return phases;
    }

    /**
     * The phases of a boot in guest instructions, from the plugin's stamp of each marker
     * ({@code stamps.get(n)} is the instructions executed before the n-th marker's write): the same
     * phases as {@link #of} but {@code in_monitor}, when QEMU runs no guest instruction. The stamps
     * count from the guest's first instruction, so {@code firmware} and {@code to_init} start there.
     */
    public static Map<String, Long> instructions(List<Marker> markers, List<Long> stamps) {
        if (markers.size() != stamps.size()) {
            throw new IllegalArgumentException(stamps.size() + " instruction stamps for " + markers.size() + " markers");
        }
        List<Marker> counted = new ArrayList<>(markers.size());
        for (int i = 0; i < markers.size(); i++) {
            counted.add(new Marker(markers.get(i).value(), stamps.get(i)));
        }
        return spans(counted, 0);
    }

    /** Every phase but in_monitor, in the markers' unit: the suite's in its order, then kbench's. */
    private static Map<String, Long> spans(List<Marker> markers, long startup) {
        Map<String, Long> phases = new LinkedHashMap<>();
        span(markers, Marker.KERNEL_START, Marker.BEFORE_INIT).ifPresent(d -> phases.put("guest", d));
        span(markers, Marker.BOOTSTRAP_START, Marker.BOOTSTRAP_END).ifPresent(d -> phases.put("bootstrap", d));
        span(markers, Marker.DECOMPRESSION_START, Marker.DECOMPRESSION_END).ifPresent(d -> phases.put("decomp", d));
        span(markers, Marker.PARSE_ELF_START, Marker.PARSE_ELF_END).ifPresent(d -> phases.put("parse_elf", d));
        long rando = 0;
        boolean anyRando = false;
        int[][] randoSpans = {
            {Marker.CHOOSE_RANDOM_LOCATION_START, Marker.CHOOSE_RANDOM_LOCATION_END},
            {Marker.PRE_RELOCATION_START, Marker.PRE_RELOCATION_END},
            {Marker.RELOCATION_START, Marker.RELOCATION_END},
            {Marker.POST_RELOCATION_START, Marker.POST_RELOCATION_END}};
        for (int[] pair : randoSpans) {
            OptionalLong d = span(markers, pair[0], pair[1]);
            if (d.isPresent()) {
                rando += d.getAsLong();
                anyRando = true;
            }
        }
        if (anyRando) {
            phases.put("bootstrap_rando", rando);
        }
        OptionalLong firstGuest = first(markers, Marker.BOOTSTRAP_START, 0);
        if (firstGuest.isEmpty()) {
            firstGuest = first(markers, Marker.KERNEL_START, 0);
        }
        firstGuest.ifPresent(t -> phases.put("firmware", Math.max(0, t - startup)));
        first(markers, Marker.INIT_START, 0).ifPresent(t -> phases.put("to_init", t));
        span(markers, Marker.INIT_START, Marker.AGENT_READY).ifPresent(d -> phases.put("init_to_ready", d));
        first(markers, Marker.AGENT_READY, 0).ifPresent(t -> phases.put("to_ready", t));
        return phases;
    }

    /** From the first {@code start} to the first {@code end} after it; absent if either is missing. */
    static OptionalLong span(List<Marker> markers, int start, int end) {
        OptionalLong begin = first(markers, start, 0);
        if (begin.isEmpty()) {
            return OptionalLong.empty();
        }
        OptionalLong finish = first(markers, end, begin.getAsLong());
        return finish.isPresent() ? OptionalLong.of(finish.getAsLong() - begin.getAsLong()) : OptionalLong.empty();
    }

    private static OptionalLong first(List<Marker> markers, int value, long notBefore) {
        for (Marker marker : markers) {
            if (marker.value() == value && marker.nanos() >= notBefore) {
                return OptionalLong.of(marker.nanos());
            }
        }
        return OptionalLong.empty();
    }

    private static double micros(long nanos) {
        return nanos / 1000.0;
    }
}
