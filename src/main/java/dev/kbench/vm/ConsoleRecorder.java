package dev.kbench.vm;

import dev.kbench.guest.AgentClient;
import dev.kbench.io.UnixSocketStreams;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.SequenceInputStream;
import java.io.RandomAccessFile;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Writes the guest's console (its first serial port) to the console file, keeping the file
 * bounded: once it passes {@code cap} bytes it is cut to its last {@code cap / 2} (at a line
 * start), so a guest that floods its console costs at most {@code cap} bytes of disk and
 * whoever reads the file (a failure's tail, a panic's cause) at most as much memory. The
 * start is lost, the tail is what a failure needs. QEMU connects as a client at start-up, as to
 * the {@link MarkerRecorder}; it writes no faster than this reads.
 *
 * <p>When kbench's agent takes the console over as its channel ({@link ConsoleChannelLine}), the
 * file keeps everything up to that line and a note, and the stream from there on is handed over
 * ({@link #handedOver()}) for an {@code AgentClient} to read.
 */
final class ConsoleRecorder implements AutoCloseable {

    /** The console file's bound: a kbench boot at loglevel 4 prints a few lines, a verbose one (loglevel 7) some 100 KiB. */
    static final long DEFAULT_CAP = 2L << 20;
    static final String CUT_NOTE = "[kbench: the console's earlier output was cut: it passed %d MiB]\n";
    static final String HANDOVER_NOTE = "[kbench: from here the console carries the guest agent's frames, not recorded]\n";

    private final ServerSocketChannel server;
    private final Path file;
    private final long cap;
    private final Thread reader;
    private volatile boolean cut;
    private final ConsoleChannelLine channelLine = new ConsoleChannelLine();
    private final CompletableFuture<ConsoleStream> handOver = new CompletableFuture<>();

    /** The console's stream once the agent took it over: what already arrived after its line, and the socket. */
    record ConsoleStream(byte[] ahead, UnixSocketStreams socket) {

        /** A client reading the stream from its first byte after the agent's line; closing it closes the socket. */
        AgentClient client() {
            return new AgentClient(new SequenceInputStream(new ByteArrayInputStream(ahead), socket.input()), socket.output(), socket);
        }
    }

    private ConsoleRecorder(ServerSocketChannel server, Path file, long cap) {
        this.server = server;
        this.file = file;
        this.cap = cap;
        this.reader = new Thread(this::record, "kbench-console");
        reader.setDaemon(true);
    }

    /** Listens on {@code socket} for QEMU; the console goes to {@code file} (created empty now). */
    static ConsoleRecorder listen(Path socket, Path file, long cap) throws IOException {
        Files.write(file, new byte[0]);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        return new ConsoleRecorder(server, file, cap);
    }

    void start() {
        reader.start();
    }

    private void record() {
        SocketChannel qemu = null;
        try {
            qemu = server.accept();
            FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            try {
                ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
                while (qemu.read(buffer) >= 0) {
                    int end = channelLine.find(buffer.array(), 0, buffer.position());
                    if (end >= 0) {
                        out.write(ByteBuffer.wrap(buffer.array(), 0, end));
                        out.write(ByteBuffer.wrap(HANDOVER_NOTE.getBytes(StandardCharsets.UTF_8)));
                        handOver.complete(new ConsoleStream(Arrays.copyOfRange(buffer.array(), end, buffer.position()),
                                UnixSocketStreams.of(qemu)));
                        return;
                    }
                    buffer.flip();
                    while (buffer.hasRemaining()) {
                        out.write(buffer);
                    }
                    buffer.clear();
                    if (out.size() > cap) {
                        out.close();
                        keepTail();
                        out = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                    }
                }
            } finally {
                out.close();
            }
        } catch (IOException e) {
            // QEMU exited or the recorder was closed: the console so far stands
        } finally {
            if (qemu != null && !handOver.isDone()) {
                closeQuietly(qemu);
            }
        }
    }

    /** The console's stream, once the guest agent announced it takes the console over as its channel. */
    Optional<ConsoleStream> handedOver() {
        return Optional.ofNullable(handOver.getNow(null));
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // closing a socket QEMU already dropped
        }
    }

    /** Replaces the file, atomically for its readers, by a note and its last half (from a line start). */
    private void keepTail() throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".cut");
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r");
                FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE)) {
            long length = in.length();
            long from = length - cap / 2;
            // start at the next line, if one starts in the next 64 KiB
            byte[] ahead = new byte[(int) Math.min(64 << 10, cap / 4)];
            in.seek(from);
            int n = in.read(ahead);
            for (int i = 0; i < n; i++) {
                if (ahead[i] == '\n') {
                    from += i + 1;
                    break;
                }
            }
            out.write(ByteBuffer.wrap(String.format(CUT_NOTE, cap >> 20).getBytes(StandardCharsets.UTF_8)));
            while (from < length) {
                from += in.getChannel().transferTo(from, length - from, out);
            }
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        cut = true;
    }

    /** Whether the console passed its cap (its start is gone). */
    boolean wasCut() {
        return cut;
    }

    /** Waits up to {@code wait} for QEMU's last console bytes to be written (after QEMU exited). */
    void awaitEnd(Duration wait) {
        try {
            reader.join(Math.max(1, wait.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        // a stream handed over and never taken is closed here (taken, its client closed it already)
        handedOver().ifPresent(stream -> {
            try {
                stream.socket().close();
            } catch (IOException e) {
                // the socket of a QEMU that is gone
            }
        });
        reader.interrupt();
        try {
            reader.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
