package dev.kbench.guest;

import dev.kbench.KbenchException;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Talks to the guest agent over one persistent byte stream. A daemon thread reads frames as
 * they arrive, so every call can wait with a deadline even on channels (UNIX sockets, pipes)
 * that have no read timeout of their own.
 */
public final class AgentClient implements AutoCloseable {

    /** The agent's limit on a request's frame length (id, type and body), docs/agent-protocol.md. */
    private static final int WRITE_REQUEST_LIMIT = (64 << 10) - 5;
    /** A write request's body before its path: u8 last, u32 mode, u64 offset. */
    private static final int WRITE_HEADER = 13;
    /** The most one F reply carries (the agent's READ_FILE_MAX). */
    private static final int READ_PIECE = 512 << 10;

    private static final long READY_PING_MILLIS = 500;

    private final OutputStream out;
    private final AutoCloseable transport;
    /**
     * Frames read and not yet taken. Bounded: a guest that floods the channel (with frames no one
     * waits for) makes the reader wait, and so the guest's writes, instead of filling the heap;
     * at most {@value #INBOX} frames of at most {@link FrameCodec#MAX_LENGTH} each are held.
     */
    private static final int INBOX = 16;
    private final BlockingQueue<Object> inbox = new ArrayBlockingQueue<>(INBOX);
    /** Bytes the reader skipped as not part of any frame: named when a reply does not come. */
    private final LongAdder noise = new LongAdder();
    /** Replies to no request of this client, dropped before the stream was in step. */
    private final LongAdder strays = new LongAdder();
    private volatile boolean inStep;
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final Thread reader;
    private volatile boolean closed;
    private boolean readyPinged;
    private long lastReadyPing;

    public AgentClient(InputStream in, OutputStream out, AutoCloseable transport) {
        this.out = out;
        this.transport = transport;
        this.reader = new Thread(() -> readFrames(in), "kbench-agent-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** The client for a guest agent listening behind a UNIX socket (a QEMU chardev); closing it closes the socket. */
    public static AgentClient over(dev.kbench.io.UnixSocketStreams socket) {
        return new AgentClient(new java.io.BufferedInputStream(socket.input(), 1 << 16), socket.output(), socket);
    }

    private void readFrames(InputStream in) {
        Object last;
        try {
            while (true) {
                Frame frame = FrameCodec.read(in, noise);
                // ids are handed out in order from 1: a higher one answers a request never sent.
                // Until the agent has answered one of this client's requests such a reply may be a
                // stale one meant for an earlier connection (docs/agent-protocol.md): dropped then.
                if (frame.id() <= 0 || frame.id() >= nextId.get()) {
                    if (!inStep) {
                        strays.increment();
                        continue;
                    }
                    last = new AgentException("the guest agent broke the protocol: it answered request " + frame.id()
                            + " ('" + printable(frame.type()) + "'), which kbench never sent");
                    break;
                }
                inStep = true;
                if (!deliver(frame)) {
                    return;
                }
            }
        } catch (IOException e) {
            last = closed ? new EOFException("kbench closed it") : e;
        }
        deliver(last);
    }

    /** Hands {@code item} to the waiting calls, waiting while the inbox is full; false once closed. */
    private boolean deliver(Object item) {
        try {
            while (!closed) {
                if (inbox.offer(item, 100, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /** Puts a failure back for every later call to see, making room for it if a flood filled the inbox. */
    private void keep(IOException failure) {
        while (!inbox.offer(failure)) {
            inbox.poll();
        }
    }

    private static String printable(byte type) {
        return type >= 0x20 && type < 0x7f ? String.valueOf((char) type) : String.format("0x%02x", type & 0xff);
    }

    /** " (it sent N bytes that were not frames, M replies to no request)" when the channel carried garbage, else nothing. */
    private String noiseNote() {
        long bytes = noise.sum();
        long stray = strays.sum();
        if (bytes == 0 && stray == 0) {
            return "";
        }
        return " (it sent " + (bytes > 0 ? bytes + " bytes that were not frames" : "")
                + (bytes > 0 && stray > 0 ? ", " : "") + (stray > 0 ? stray + " replies to no request" : "") + ")";
    }

    /**
     * One step of waiting for a booting guest: sends a ping if none went out in the last
     * {@value #READY_PING_MILLIS} ms (bytes sent to a serial port before the guest opens it are
     * lost), then waits up to {@code wait} for an answer to any of them. True once answered.
     * Answering any ping, not just the latest, is what ready means, so a boot is timed to
     * within {@code wait}, not to within the ping interval.
     */
    public boolean answersWithin(Duration wait) throws IOException {
        long now = System.nanoTime();
        if (!readyPinged || now - lastReadyPing >= READY_PING_MILLIS * 1_000_000L) {
            send(Frame.PING, new byte[0]);
            readyPinged = true;
            lastReadyPing = now;
        }
        Object next;
        try {
            next = inbox.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KbenchException(KbenchException.Kind.INFRASTRUCTURE, "interrupted while waiting for the guest agent", e);
        }
        if (next instanceof IOException failure) {
            keep(failure);
            throw channelFailure(failure);
        }
        return next instanceof Frame frame && frame.type() == Frame.PING;
    }

    /** Sends one ping and reports whether it was answered within {@code wait}. */
    public boolean pingOnce(Duration wait) throws IOException {
        int id = send(Frame.PING, new byte[0]);
        return awaitReply(id, System.nanoTime() + wait.toNanos()) != null;
    }

    /** Round trip of one ping carrying {@code payload}; returns the echoed body. */
    public byte[] ping(byte[] payload, Duration timeout) throws IOException {
        return expect(request(Frame.PING, payload, timeout), Frame.PING).body();
    }

    public RunResult run(RunRequest request, Duration replyTimeout) throws IOException {
        return RunResult.decode(expect(request(Frame.RUN, request.encode(), replyTimeout), Frame.RUN).body());
    }

    /** Asks the guest to power off; returns once the agent has acknowledged it. */
    public void powerOff(Duration timeout) throws IOException {
        expect(request(Frame.POWER_OFF, new byte[0], timeout), Frame.POWER_OFF);
    }

    /**
     * Writes {@code content} to {@code guestPath} (absolute; its folder must exist) with the
     * permission bits {@code mode}, in pieces that fit the agent's request limit; the file
     * appears whole, replacing any old one, when the last piece is in. {@code timeout} bounds
     * each piece's reply.
     */
    public void writeFile(String guestPath, byte[] content, int mode, Duration timeout) throws IOException {
        byte[] path = (guestPath + "\0").getBytes(StandardCharsets.UTF_8);
        int pieceSize = WRITE_REQUEST_LIMIT - WRITE_HEADER - path.length;
        if (pieceSize < 1) {
            throw new IllegalArgumentException("guest path too long: " + guestPath);
        }
        int offset = 0;
        do {
            int length = Math.min(pieceSize, content.length - offset);
            boolean last = offset + length == content.length;
            ByteBuffer body = ByteBuffer.allocate(WRITE_HEADER + path.length + length);
            body.put((byte) (last ? 1 : 0)).putInt(mode).putLong(offset).put(path).put(content, offset, length);
            expect(request(Frame.WRITE, body.array(), timeout), Frame.WRITE);
            offset += length;
        } while (offset < content.length);
    }

    /**
     * Reads the guest file {@code guestPath} (absolute) whole, in pieces of at most 512 KiB, each
     * reply within {@code timeout}. A file larger than {@code limit} bytes is refused rather than
     * held: the guest is not trusted to keep a file small (a file in /proc may never end).
     */
    public byte[] readFile(String guestPath, long limit, Duration timeout) throws IOException {
        byte[] path = (guestPath + "\0").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        while (true) {
            ByteBuffer body = ByteBuffer.allocate(12 + path.length);
            body.putLong(content.size()).putInt(READ_PIECE).put(path);
            byte[] piece = expect(request(Frame.READ_FILE, body.array(), timeout), Frame.READ_FILE).body();
            if (piece.length == 0) {
                return content.toByteArray();
            }
            if (content.size() + (long) piece.length > limit) {
                throw new AgentException("the guest's " + guestPath + " is larger than " + limit + " bytes, more than kbench reads");
            }
            content.write(piece, 0, piece.length);
        }
    }

    /** Sends a raw frame of any type and waits for its reply: for tests of the agent's error handling. */
    public Frame request(byte type, byte[] body, Duration timeout) throws IOException {
        int id = send(type, body);
        Frame reply = awaitReply(id, System.nanoTime() + timeout.toNanos());
        if (reply == null) {
            throw new AgentTimeoutException("the guest agent did not reply within " + timeout.toMillis() + " ms" + noiseNote());
        }
        return reply;
    }

    private synchronized int send(byte type, byte[] body) throws IOException {
        int id = nextId.getAndIncrement();
        try {
            FrameCodec.write(out, new Frame(id, type, body));
        } catch (IOException e) {
            // the reader usually knows better why the channel is gone ("Broken pipe" says little)
            for (Object item : inbox) {
                if (item instanceof IOException failure) {
                    throw channelFailure(failure);
                }
            }
            throw new KbenchException(KbenchException.Kind.GUEST_FAILURE, "the guest agent's channel closed: " + e.getMessage(), e);
        }
        return id;
    }

    private Frame awaitReply(int id, long deadlineNanos) throws IOException {
        while (true) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            Object next;
            try {
                next = inbox.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KbenchException(KbenchException.Kind.INFRASTRUCTURE, "interrupted while waiting for the guest agent", e);
            }
            if (next == null) {
                return null;
            }
            if (next instanceof IOException failure) {
                keep(failure); // every later call sees the closed channel too
                throw channelFailure(failure);
            }
            Frame frame = (Frame) next;
            if (frame.id() == id) {
                return frame;
            }
        }
    }

    private IOException channelFailure(IOException failure) {
        if (failure instanceof AgentException protocol) {
            return new AgentException(protocol.getMessage() + noiseNote(), protocol);
        }
        return new KbenchException(KbenchException.Kind.GUEST_FAILURE, "the guest agent's channel closed: " + failure.getMessage() + noiseNote(), failure);
    }

    private static Frame expect(Frame reply, byte type) throws AgentException {
        if (reply.type() == Frame.ERROR) {
            throw new AgentException("guest agent: " + new String(reply.body(), StandardCharsets.UTF_8));
        }
        if (reply.type() != type) {
            throw new AgentException("guest agent answered type '" + printable(reply.type()) + "' to a '" + (char) type + "' request");
        }
        return reply;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        keep(new EOFException("kbench closed it")); // a call still waiting ends now, not at its deadline
        try {
            transport.close();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }
}
