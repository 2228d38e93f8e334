package dev.kbench.boot;

import dev.kbench.vm.Marker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BootPhasesTest {

    /** Markers at the given microseconds: value, time, value, time, ... */
    private static List<Marker> at(long... valueThenMicros) {
        List<Marker> markers = new ArrayList<>();
        for (int i = 0; i < valueThenMicros.length; i += 2) {
            markers.add(new Marker((int) valueThenMicros[i], valueThenMicros[i + 1] * 1000));
        }
        return markers;
    }

    /** QEMU ran the guest's first instruction 600 µs after its start. */
    private static final Duration STARTUP = Duration.ofNanos(600_000);

    @Test
    void aCompleteBzImageBootGivesEverySuiteField() {
        Map<String, Double> phases = BootPhases.of(at(
                0x01, 1000, 0x03, 1100, 0x04, 1200, 0x05, 1250, 0x06, 1300, 0x07, 5300, 0x08, 5400, 0x09, 5600,
                0x0a, 5700, 0x0b, 5710, 0x0c, 5720, 0x0d, 5820, 0x0e, 5830, 0x0f, 5835, 0x10, 5900, 0x02, 6000,
                0x11, 6100, 0x12, 96100, 0x20, 97000, 0x21, 99000), STARTUP);
        assertEquals(Map.of("in_monitor", 600.0, "guest", 90000.0, "bootstrap", 5000.0, "decomp", 4000.0, "parse_elf", 200.0,
                "bootstrap_rando", 50.0 + 10 + 100 + 5, "firmware", 400.0, "to_init", 97000.0, "init_to_ready", 2000.0, "to_ready", 99000.0),
                phases);
        assertEquals(List.of("in_monitor", "guest", "bootstrap", "decomp", "parse_elf", "bootstrap_rando", "firmware", "to_init",
                "init_to_ready", "to_ready"), new ArrayList<>(phases.keySet()));
    }

    @Test
    void aDirectBootsFirmwareEndsAtTheKernelsFirstMarker() {
        Map<String, Double> phases = BootPhases.of(at(0x11, 800, 0x12, 50800), STARTUP);
        assertEquals(Map.of("in_monitor", 600.0, "firmware", 200.0, "guest", 50000.0), phases);
    }

    @Test
    void anUnpatchedKernelStillGivesQemusStartUpAndKbenchsPhases() {
        assertEquals(Map.of("in_monitor", 600.0, "to_init", 2000000.0, "init_to_ready", 150000.0, "to_ready", 2150000.0),
                BootPhases.of(at(0x20, 2000000, 0x21, 2150000), STARTUP));
    }

    @Test
    void aSpanWithoutItsEndIsAbsentNotZero() {
        Map<String, Double> phases = BootPhases.of(at(0x01, 1000, 0x06, 1300, 0x11, 2000), STARTUP);
        assertEquals(Map.of("in_monitor", 600.0, "firmware", 400.0), phases, "bootstrap, decomp and guest have no end marker");
    }

    @Test
    void repeatedMarkersCountFromTheFirstStartToTheFirstEndAfterIt() {
        Map<String, Double> phases = BootPhases.of(at(0x06, 100, 0x06, 150, 0x07, 400, 0x07, 900), STARTUP);
        assertEquals(300.0, phases.get("decomp"));
    }

    @Test
    void anEndBeforeItsStartIsNoSpan() {
        Map<String, Double> phases = BootPhases.of(at(0x09, 100, 0x08, 200), STARTUP);
        assertEquals(Map.of("in_monitor", 600.0), phases);
    }

    @Test
    void garbageBytesAreIgnored() {
        Map<String, Double> phases = BootPhases.of(at(0xff, 10, 0x00, 20, 0x7e, 30, 0x20, 1000, 0x42, 1500, 0x21, 2000), STARTUP);
        assertEquals(Map.of("in_monitor", 600.0, "to_init", 1000.0, "init_to_ready", 1000.0, "to_ready", 2000.0), phases);
    }

    @Test
    void noMarkersOnlyQemusStartUp() {
        assertEquals(Map.of("in_monitor", 600.0), BootPhases.of(List.of(), STARTUP));
    }

    @Test
    void countedStampsGiveTheSamePhasesInInstructionsFromTheGuestsFirstInstruction() {
        // the plugin's n-th stamp is the n-th marker's; the host's times do not enter
        List<Marker> markers = at(0x01, 1000, 0x06, 1300, 0x07, 5300, 0x02, 6000, 0x11, 6100, 0x12, 96100, 0x20, 97000, 0x21, 99000);
        List<Long> stamps = List.of(19_687L, 25_000L, 101_947_307L, 103_955_377L, 103_960_000L, 430_000_000L, 430_331_282L, 430_744_020L);
        Map<String, Long> phases = BootPhases.instructions(markers, stamps);
        assertEquals(Map.of("guest", 430_000_000L - 103_960_000L, "bootstrap", 103_955_377L - 19_687L, "decomp", 101_922_307L,
                "firmware", 19_687L, "to_init", 430_331_282L, "init_to_ready", 412_738L, "to_ready", 430_744_020L), phases);
        assertEquals(List.of("guest", "bootstrap", "decomp", "firmware", "to_init", "init_to_ready", "to_ready"),
                new ArrayList<>(phases.keySet()), "the order of the phases in time, without in_monitor (no guest instruction runs there)");
    }

    @Test
    void stampsThatDoNotMatchTheMarkersOneForOneAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> BootPhases.instructions(at(0x20, 10, 0x21, 20), List.of(5L)));
    }
}
