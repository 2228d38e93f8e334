package dev.kbench.vm;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Receives the bytes a guest writes to I/O port 0xf4 (QEMU's {@code isa-debugcon}) and stamps
 * each with its time of arrival. kbench listens and QEMU connects as a client at start-up,
 * before the guest runs, so no early marker is lost to a connection made too late.
 */
final class MarkerRecorder implements AutoCloseable {

    /** Markers kept: a boot writes a few dozen; a guest that floods the port is read on, not kept. */
    static final int MAX_MARKERS = 4096;

    private final ServerSocketChannel server;
    private final List<Marker> markers = new ArrayList<>();
    private long dropped;
    private final Thread reader;
    private volatile long startNanos;

    private MarkerRecorder(ServerSocketChannel server) {
        this.server = server;
        this.reader = new Thread(this::record, "kbench-boot-markers");
        reader.setDaemon(true);
    }

    /** Listens on {@code socket}; call {@link #start(long)} once QEMU is launched. */
    static MarkerRecorder listen(Path socket) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        return new MarkerRecorder(server);
    }

    /** Starts reading; times are nanoseconds since {@code qemuStartNanos} ({@link System#nanoTime()}). */
    void start(long qemuStartNanos) {
        this.startNanos = qemuStartNanos;
        reader.start();
    }

    private void record() {
        try (SocketChannel qemu = server.accept()) {
            ByteBuffer buffer = ByteBuffer.allocate(256);
            while (qemu.read(buffer) >= 0) {
                long now = System.nanoTime() - startNanos;
                buffer.flip();
                synchronized (markers) {
                    while (buffer.hasRemaining()) {
                        int value = buffer.get() & 0xff;
                        if (markers.size() < MAX_MARKERS) {
                            markers.add(new Marker(value, now));
                        } else {
                            dropped++;
                        }
                    }
                    markers.notifyAll();
                }
                buffer.clear();
            }
        } catch (IOException e) {
            // QEMU exited or the recorder was closed: the markers so far stand
        }
    }

    /**
     * Waits up to {@code timeout} for a marker of {@code value}. The agent writes its ready marker
     * before it answers on its own channel, but the two reach kbench on different sockets, read
     * by different threads: the answer can be seen first.
     */
    boolean awaitMarker(int value, java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (markers) {
            while (markers.stream().noneMatch(m -> m.value() == value)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                markers.wait(left / 1_000_000 + 1);
            }
            return true;
        }
    }

    /** Bytes that arrived after the first {@value #MAX_MARKERS} markers: read and not kept. */
    long dropped() {
        synchronized (markers) {
            return dropped;
        }
    }

    /** The markers received so far, in order of arrival (the first {@value #MAX_MARKERS}). */
    List<Marker> markers() {
        synchronized (markers) {
            return List.copyOf(markers);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
