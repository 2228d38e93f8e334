package dev.kbench.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A guest that floods its console or the marker port, seen from kbench's side of QEMU's
 * sockets: a real UNIX socket with a client writing as QEMU would.
 */
class FloodTest {

    @TempDir
    Path tmp;

    private static SocketChannel connect(Path socket) throws IOException {
        SocketChannel qemu = SocketChannel.open(StandardProtocolFamily.UNIX);
        qemu.connect(UnixDomainSocketAddress.of(socket));
        return qemu;
    }

    @Test
    void aFloodedConsoleKeepsItsTailWithinItsCap() throws Exception {
        Path file = tmp.resolve("console.log");
        long cap = 1 << 20;
        try (ConsoleRecorder console = ConsoleRecorder.listen(tmp.resolve("console.sock"), file, cap)) {
            console.start();
            try (SocketChannel qemu = connect(tmp.resolve("console.sock"))) {
                byte[] line = "[    1.000000] flood flood flood flood flood flood flood flood flood flood\n".getBytes(StandardCharsets.US_ASCII);
                ByteBuffer chunk = ByteBuffer.allocate(line.length * 1000);
                for (int i = 0; i < 1000; i++) {
                    chunk.put(line);
                }
                long written = 0;
                long maxSeen = 0;
                while (written < (64L << 20)) { // 64 MiB, 64 times the cap
                    chunk.flip();
                    while (chunk.hasRemaining()) {
                        written += qemu.write(chunk);
                    }
                    maxSeen = Math.max(maxSeen, Files.size(file));
                }
                qemu.write(ByteBuffer.wrap("Kernel panic - not syncing: the last words\n".getBytes(StandardCharsets.US_ASCII)));
                assertTrue(maxSeen <= cap + (1 << 17), "the console file grew to " + maxSeen + " bytes");
            }
            console.awaitEnd(Duration.ofSeconds(5));
            assertTrue(console.wasCut());
        }
        String kept = Files.readString(file);
        assertTrue(Files.size(file) <= (1 << 20) + (1 << 17), Files.size(file) + " bytes kept");
        assertTrue(kept.startsWith("[kbench: the console's earlier output was cut: it passed 1 MiB]\n[    1.000000] flood"), kept.substring(0, 200));
        assertTrue(kept.endsWith("flood\nKernel panic - not syncing: the last words\n"), "the tail is kept");
        assertEquals("Kernel panic - not syncing: the last words", ConsoleDiagnosis.cause(file, tmp.resolve("no-qemu.log")));
    }

    @Test
    void aFloodedMarkerPortIsReadOnButNotKept() throws Exception {
        try (MarkerRecorder recorder = MarkerRecorder.listen(tmp.resolve("markers.sock"))) {
            recorder.start(System.nanoTime());
            try (SocketChannel qemu = connect(tmp.resolve("markers.sock"))) {
                ByteBuffer flood = ByteBuffer.allocate(1 << 20);
                for (int i = 0; i < 32; i++) { // 32 M markers: about 1.5 GiB of Marker objects if all were kept
                    flood.clear();
                    while (flood.hasRemaining()) {
                        qemu.write(flood);
                    }
                }
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (recorder.dropped() < (32L << 20) - MarkerRecorder.MAX_MARKERS && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(MarkerRecorder.MAX_MARKERS, recorder.markers().size());
            assertEquals((32L << 20) - MarkerRecorder.MAX_MARKERS, recorder.dropped());
        }
    }
}
