package dev.kbench.vm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.guest.AgentClient;
import dev.kbench.guest.Frame;
import dev.kbench.guest.FrameCodec;
import java.io.ByteArrayOutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console handed from the console file to an agent client when the agent announces it takes
 * the console over (a kernel with no virtio console and one UART), seen from kbench's side of
 * QEMU's console socket: a real UNIX socket with a client writing as QEMU would.
 */
class ConsoleHandOverTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path tmp;

    @Test
    void theAgentsLineHandsTheStreamOverAndTheConsoleLogKeepsWhatCameBefore() throws Exception {
        Path file = tmp.resolve("console.log");
        String boot = "[    0.500000] virtio_blk virtio0: [vda] 65536 512-byte logical blocks\r\n"
                + "kbench-agent: no devtmpfs (CONFIG_DEVTMPFS): made /dev's nodes on a ramfs\r\n";
        String line = "kbench-agent: no virtio console (CONFIG_VIRTIO_CONSOLE) and no /dev/ttyS1: " + ConsoleChannelLine.TEXT + "\n";
        try (ConsoleRecorder console = ConsoleRecorder.listen(tmp.resolve("console.sock"), file, ConsoleRecorder.DEFAULT_CAP)) {
            console.start();
            try (SocketChannel qemu = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                qemu.connect(UnixDomainSocketAddress.of(tmp.resolve("console.sock")));
                // the line and a first stray frame in one write: what follows the line is the agent's already
                ByteArrayOutputStream first = new ByteArrayOutputStream();
                first.writeBytes((boot + line).getBytes(StandardCharsets.US_ASCII));
                first.writeBytes(FrameCodec.encode(new Frame(7, Frame.PING, new byte[0])));
                qemu.write(ByteBuffer.wrap(first.toByteArray()));
                Optional<ConsoleRecorder.ConsoleStream> stream = awaitHandOver(console);
                assertTrue(stream.isPresent(), "the console was not handed over");
                try (AgentClient client = stream.get().client()) {
                    // the fake agent answers the client's ping over the console socket
                    Thread agent = new Thread(() -> {
                        try {
                            Frame ping = FrameCodec.read(Channels.newInputStream(qemu));
                            qemu.write(ByteBuffer.wrap(FrameCodec.encode(new Frame(ping.id(), Frame.PING, ping.body()))));
                        } catch (Exception e) {
                            // the assertion below fails then
                        }
                    });
                    agent.start();
                    assertArrayEquals("hi".getBytes(StandardCharsets.US_ASCII), client.ping("hi".getBytes(StandardCharsets.US_ASCII), WAIT));
                    agent.join();
                }
            }
        }
        assertEquals(boot + line + ConsoleRecorder.HANDOVER_NOTE, Files.readString(file));
    }

    @Test
    void aLineThatOnlyMentionsTheTextOrIsCutAcrossReadsIsFoundOnlyAtItsEnd() {
        ConsoleChannelLine finder = new ConsoleChannelLine();
        byte[] mention = ("echo '" + ConsoleChannelLine.TEXT + "' said the shell\r\n").getBytes(StandardCharsets.US_ASCII);
        assertEquals(-1, finder.find(mention, 0, mention.length));
        byte[] line = ("x: " + ConsoleChannelLine.TEXT + "\r\nKBNC").getBytes(StandardCharsets.US_ASCII);
        int split = 10;
        assertEquals(-1, finder.find(line, 0, split));
        assertEquals(line.length - 4, finder.find(line, split, line.length));
    }

    @Test
    void theAgentAnnouncesWithTheTextTheHostLooksFor() throws Exception {
        String header = Files.readString(Path.of("guest-agent/guest_setup.h"));
        Matcher define = Pattern.compile("#define CONSOLE_CHANNEL_LINE \"([^\"]*)\"").matcher(header);
        assertTrue(define.find(), "guest_setup.h defines no CONSOLE_CHANNEL_LINE");
        assertEquals(ConsoleChannelLine.TEXT, define.group(1));
    }

    private static Optional<ConsoleRecorder.ConsoleStream> awaitHandOver(ConsoleRecorder console) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (console.handedOver().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return console.handedOver();
    }
}
