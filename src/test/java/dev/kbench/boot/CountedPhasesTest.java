package dev.kbench.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.count.CountLog;
import dev.kbench.vm.Marker;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class CountedPhasesTest {

    private static CountLog stamps(Long... markers) {
        return new CountLog(List.of(markers), List.of(), List.of(), OptionalLong.empty());
    }

    @Test
    void eachMarkerTakesTheStampOfTheSameRank() {
        List<Marker> markers = List.of(new Marker(Marker.INIT_START, 900_000_000L), new Marker(Marker.AGENT_READY, 950_000_000L));
        CountedPhases counted = CountedPhases.of("k", markers, stamps(430_331_282L, 430_744_020L));
        assertEquals(Map.of("to_init", 430_331_282L, "init_to_ready", 412_738L, "to_ready", 430_744_020L), counted.phases());
        assertNull(counted.note());
    }

    @Test
    void aMarkerThePluginDidNotSeeLeavesHostTimesOnlyAndSaysSoInOneLine() {
        // e.g. a kernel writing 0xf4 with "out %al,(%dx)": its byte arrives, the plugin stamps nothing
        List<Marker> markers = List.of(new Marker(Marker.KERNEL_START, 1), new Marker(Marker.INIT_START, 2), new Marker(Marker.AGENT_READY, 3));
        CountedPhases counted = CountedPhases.of("odd", markers, stamps(10L, 20L));
        assertEquals(Map.of(), counted.phases(), "a shifted pairing would give every later phase the wrong count");
        assertTrue(counted.note().startsWith("kernel odd: the TCG plugin stamped 2 marker writes"), counted.note());
        assertTrue(counted.note().contains("host received 3 marker bytes"), counted.note());
        assertEquals(1, counted.note().lines().count());
    }
}
