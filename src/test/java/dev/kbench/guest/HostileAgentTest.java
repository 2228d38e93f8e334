package dev.kbench.guest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.io.UnixSocketStreams;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile guest agent: a fake peer on a real UNIX socket (as QEMU's chardev is) that answers
 * kbench's {@link AgentClient} with garbage, impossible lengths, cut frames, replies to requests
 * never sent, late replies and floods. Each must end in a clear error within the call's
 * deadline, with the client's memory bounded.
 */
class HostileAgentTest {

    private static final Duration SHORT = Duration.ofMillis(700);

    @TempDir
    Path tmp;

    private ServerSocketChannel server;
    private AgentClient client;
    private SocketChannel peer;
    private DataInputStream requests;
    private OutputStream replies;

    @BeforeEach
    void connect() throws IOException {
        Path socket = tmp.resolve("agent.sock");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        client = AgentClient.over(UnixSocketStreams.connect(socket));
        peer = server.accept();
        requests = new DataInputStream(Channels.newInputStream(peer));
        replies = Channels.newOutputStream(peer);
    }

    @AfterEach
    void close() throws IOException {
        client.close();
        peer.close();
        server.close();
    }

    /** The next request kbench sent, read by the fake agent. */
    private Frame request() throws IOException {
        return FrameCodec.read(requests);
    }

    private static byte[] header(int magic, int length) {
        return ByteBuffer.allocate(8).putInt(magic).putInt(length).array();
    }

    private CompletableFuture<byte[]> pingLater(byte[] payload, Duration timeout) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return client.ping(payload, timeout);
            } catch (IOException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
    }

    private static Throwable failureOf(CompletableFuture<?> call) {
        return assertThrows(java.util.concurrent.ExecutionException.class, () -> call.get(10, TimeUnit.SECONDS)).getCause();
    }

    @Test
    void garbageWithNoMagicTimesOutNamingHowMuchGarbageCame() throws Exception {
        CompletableFuture<byte[]> call = pingLater(new byte[0], SHORT);
        request();
        byte[] garbage = "no frame here, just a console that went to the wrong port\n".repeat(1000).getBytes(StandardCharsets.US_ASCII);
        replies.write(garbage);
        replies.flush();
        Throwable failure = failureOf(call);
        assertTrue(failure instanceof AgentTimeoutException, failure.toString());
        assertEquals("the guest agent did not reply within 700 ms (it sent " + garbage.length + " bytes that were not frames)",
                failure.getMessage());
    }

    @Test
    void aWrongMagicOrAHugeLengthIsSkippedAndTheRealReplyAfterItIsRead() throws Exception {
        CompletableFuture<byte[]> call = pingLater("hi".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(10));
        Frame ping = request();
        replies.write(header(0x4B424E44, 13)); // one bit off the magic
        replies.write(header(FrameCodec.MAGIC, Integer.MAX_VALUE)); // 2 GiB: never allocated
        replies.write(header(FrameCodec.MAGIC, -5));
        replies.write(header(FrameCodec.MAGIC, FrameCodec.MAX_LENGTH + 6));
        FrameCodec.write(replies, new Frame(ping.id(), Frame.PING, ping.body()));
        assertArrayEquals("hi".getBytes(StandardCharsets.UTF_8), call.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aFrameCutShortByTheChannelClosingSaysSoAtOnce() throws Exception {
        CompletableFuture<byte[]> call = pingLater(new byte[0], Duration.ofSeconds(30));
        Frame ping = request();
        replies.write(header(FrameCodec.MAGIC, 100));
        replies.write(ByteBuffer.allocate(10).putInt(ping.id()).put(Frame.PING).array());
        replies.flush();
        peer.close();
        long start = System.nanoTime();
        Throwable failure = failureOf(call);
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "no waiting for the 30 s deadline");
        assertEquals("the guest agent's channel closed: agent channel closed inside a frame of 100 bytes", failure.getMessage());
        // and every later call says the same, at once
        IOException later = assertThrows(IOException.class, () -> client.ping(new byte[0], Duration.ofSeconds(30)));
        assertEquals(failure.getMessage(), later.getMessage());
    }

    @Test
    void anAnswerToARequestNeverSentIsAProtocolError() throws Exception {
        CompletableFuture<byte[]> first = pingLater(new byte[0], SHORT);
        Frame ping = request();
        FrameCodec.write(replies, new Frame(ping.id(), Frame.PING, ping.body()));
        first.get(10, TimeUnit.SECONDS);
        CompletableFuture<byte[]> second = pingLater(new byte[0], Duration.ofSeconds(30));
        request();
        FrameCodec.write(replies, new Frame(4711, Frame.RUN, new byte[21]));
        Throwable failure = failureOf(second);
        assertTrue(failure instanceof AgentException, failure.toString());
        assertEquals("the guest agent broke the protocol: it answered request 4711 ('R'), which kbench never sent", failure.getMessage());
    }

    @Test
    void staleRepliesBeforeTheFirstAnswerAreDroppedAsAnEarlierConnectionsLeftovers() throws Exception {
        CompletableFuture<byte[]> call = pingLater("x".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(10));
        Frame ping = request();
        for (int id = 30; id < 35; id++) {
            FrameCodec.write(replies, new Frame(id, Frame.PING, new byte[0]));
        }
        FrameCodec.write(replies, new Frame(ping.id(), Frame.PING, ping.body()));
        assertArrayEquals("x".getBytes(StandardCharsets.UTF_8), call.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aReplyAfterItsTimeoutDoesNotAnswerTheNextRequest() throws Exception {
        CompletableFuture<byte[]> late = pingLater("late".getBytes(StandardCharsets.UTF_8), SHORT);
        Frame first = request();
        assertTrue(failureOf(late) instanceof AgentTimeoutException);
        CompletableFuture<byte[]> next = pingLater("next".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(10));
        Frame second = request();
        FrameCodec.write(replies, new Frame(first.id(), Frame.PING, first.body()));
        FrameCodec.write(replies, new Frame(second.id(), Frame.PING, second.body()));
        assertArrayEquals("next".getBytes(StandardCharsets.UTF_8), next.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aFloodOfFramesNoOneAsksForIsHeldBackNotBuffered() throws Exception {
        CompletableFuture<byte[]> call = pingLater(new byte[0], SHORT);
        Frame ping = request();
        FrameCodec.write(replies, new Frame(ping.id(), Frame.PING, ping.body()));
        call.get(10, TimeUnit.SECONDS);
        // the guest now writes 1 MiB frames answering that ping again and again: 256 MiB if buffered
        AtomicInteger written = new AtomicInteger();
        Thread flood = new Thread(() -> {
            byte[] frame = FrameCodec.encode(new Frame(ping.id(), Frame.PING, new byte[FrameCodec.MAX_LENGTH - 5]));
            try {
                for (int i = 0; i < 256; i++) {
                    replies.write(frame);
                    written.incrementAndGet();
                }
            } catch (IOException e) {
                // the client closed the socket
            }
        });
        flood.setDaemon(true);
        flood.start();
        Thread.sleep(2000);
        assertTrue(written.get() <= 24, "the client took " + written.get() + " MiB it was not waiting for");
        // the client still works to a deadline (the flood comes first, so this one times out), and closes at once
        CompletableFuture<byte[]> during = pingLater(new byte[0], SHORT);
        assertTrue(failureOf(during) instanceof AgentTimeoutException);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> client.close());
        flood.join(5000);
        assertTrue(!flood.isAlive(), "the flood's writes were not ended by closing");
    }

    @Test
    void closeEndsAWaitingCallAndTheReaderAtOnce() throws Exception {
        CompletableFuture<byte[]> call = pingLater(new byte[0], Duration.ofSeconds(60));
        request();
        client.close();
        Throwable failure = failureOf(call);
        assertTrue(failure.getMessage().startsWith("the guest agent's channel closed"), failure.getMessage());
    }

    /** The reader's garbage scan is constant in memory: 64 MiB of it is read in a bounded heap without a frame. */
    @Test
    void endlessGarbageIsReadInConstantMemory() throws Exception {
        byte[] chunk = new byte[1 << 20];
        java.util.Arrays.fill(chunk, (byte) 'K'); // 'K' starts the magic: the worst case for the scan
        InputStream endless = new InputStream() {
            long left = 64L << 20;

            @Override
            public int read() {
                return left-- > 0 ? 'K' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, Math.min(left, chunk.length));
                System.arraycopy(chunk, 0, b, off, n);
                left -= n;
                return n;
            }
        };
        java.util.concurrent.atomic.LongAdder noise = new java.util.concurrent.atomic.LongAdder();
        IOException end = assertThrows(IOException.class, () -> FrameCodec.read(new java.io.BufferedInputStream(endless), noise));
        assertEquals("agent channel closed", end.getMessage());
        assertEquals(64L << 20, noise.sum(), "every byte was counted as noise");
    }
}
