package dev.kbench.boot;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.kbench.vm.Marker;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fuzz target for the boot-marker decoder: any bytes on the marker port, in any order and at any
 * time, give phases that are finite and not negative, or none.
 * Replayed from {@code MarkerFuzzTestInputs/} by every test run; {@code JAZZER_FUZZ=1} fuzzes.
 */
class MarkerFuzzTest {

    @FuzzTest(maxDuration = "3m")
    void phases(byte[] port) {
        // each marker: its byte, then the time since the previous one (as the recorder stamps arrivals: never backwards)
        ByteBuffer in = ByteBuffer.wrap(port);
        List<Marker> markers = new ArrayList<>();
        long now = 0;
        while (in.remaining() >= 3) {
            int value = in.get() & 0xff;
            now += (in.getShort() & 0xffff) * 1000L;
            markers.add(new Marker(value, now));
        }
        for (Map.Entry<String, Double> phase : BootPhases.of(markers, java.time.Duration.ofNanos(now / 2)).entrySet()) {
            if (!(phase.getValue() >= 0) || phase.getValue().isInfinite()) {
                throw new IllegalStateException(phase + " from " + markers);
            }
        }
    }
}
