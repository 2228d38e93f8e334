package dev.kbench.count;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CountLogTest {

    @Test
    void readsMarkersWindowsAndFunctionWindows() {
        CountLog log = CountLog.parse("""
                kbench-count 1
                m 100
                m 250
                w 1000
                w 1900
                f ffffffff81000000 500
                f 401000 400
                e
                t 5000
                """, "counts.txt");
        assertEquals(List.of(100L, 250L), log.markers());
        assertEquals(150L, log.betweenMarkers(0, 1));
        assertEquals(List.of(1000L, 1900L), log.windows());
        assertEquals(1, log.functionWindows().size());
        Map<Long, Long> window = log.functionWindows().get(0);
        assertEquals(500L, window.get(Long.parseUnsignedLong("ffffffff81000000", 16)));
        assertEquals(400L, window.get(0x401000L));
        assertEquals(5000L, log.total().getAsLong());
    }

    @Test
    void aKilledQemusHalfWrittenLineAndUnfinishedWindowAreLeftOut() {
        CountLog log = CountLog.parse("kbench-count 1\nm 7\nw 10\nw 20\nf 401000 3\nf 4010", "counts.txt");
        assertEquals(List.of(7L), log.markers());
        assertEquals(List.of(10L, 20L), log.windows());
        assertTrue(log.functionWindows().isEmpty());
        assertTrue(log.total().isEmpty());
    }

    @Test
    void aFileOfSomethingElseIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CountLog.parse("hello\n", "x.txt"));
        assertTrue(e.getMessage().startsWith("x.txt is not a count file"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CountLog.parse("kbench-count 1\nm twelve\n", "x.txt"));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }
}
