package dev.kbench.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class BootTimesTest {

    @Test
    void percentilesAreNearestRankOverBoots() {
        List<Double> millis = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            millis.add((double) i * 10);
        }
        Collections.shuffle(millis, new java.util.Random(1));
        BootTimes times = BootTimes.of(millis);
        assertEquals(100, times.n());
        assertEquals(500, times.medianMs());
        assertEquals(950, times.p95Ms());
        assertEquals(1000, times.maxMs());
    }

    @Test
    void oneBootIsItsOwnMedianAndTail() {
        BootTimes times = BootTimes.of(List.of(2345.0));
        assertEquals(2345, times.medianMs());
        assertEquals(2345, times.p95Ms());
    }

    @Test
    void noBootSaysSo() {
        BootTimes times = BootTimes.of(List.of());
        assertEquals(0, times.n());
        assertTrue(Double.isNaN(times.medianMs()));
        assertEquals("no boot reached the agent", times.toString());
    }
}
