package dev.kbench.guest;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.LongAdder;

/**
 * Reads and writes {@link Frame}s: magic, length, id, type, body, all big-endian.
 * A reader skips bytes until the magic appears, so console noise on a serial line cannot
 * desynchronise the stream.
 */
public final class FrameCodec {

    public static final int MAGIC = 0x4B424E43; // "KBNC"
    /** Largest frame either side accepts; the agent itself accepts requests of at most 64 KiB. */
    public static final int MAX_LENGTH = 1 << 20;
    public static final int MAX_REQUEST_LENGTH = 64 << 10;
    private static final int HEADER_AFTER_LENGTH = 5; // id + type

    private FrameCodec() {
    }

    public static byte[] encode(Frame frame) {
        byte[] body = frame.body();
        ByteBuffer buffer = ByteBuffer.allocate(8 + HEADER_AFTER_LENGTH + body.length);
        buffer.putInt(MAGIC).putInt(HEADER_AFTER_LENGTH + body.length).putInt(frame.id()).put(frame.type()).put(body);
        return buffer.array();
    }

    public static void write(OutputStream out, Frame frame) throws IOException {
        out.write(encode(frame));
        out.flush();
    }

    /**
     * Reads the next frame, skipping anything before its magic; EOFException at end of stream.
     * A magic followed by an impossible length is noise that happened to contain the magic:
     * the scan goes on after its length field.
     */
    public static Frame read(InputStream in) throws IOException {
        return read(in, new LongAdder());
    }

    /**
     * {@link #read(InputStream)}, adding to {@code noise} every byte that was skipped as not part
     * of a frame (a stream of garbage is read in constant memory, never kept). A stream that
     * ends inside a frame is an EOFException saying how much of the frame came.
     */
    public static Frame read(InputStream in, LongAdder noise) throws IOException {
        DataInputStream data = new DataInputStream(in);
        while (true) {
            skipToMagic(data, noise);
            int length;
            try {
                length = data.readInt();
            } catch (EOFException e) {
                throw new EOFException("agent channel closed inside a frame's header");
            }
            if (length < HEADER_AFTER_LENGTH || length > MAX_LENGTH) {
                noise.add(8);
                continue;
            }
            try {
                int id = data.readInt();
                byte type = data.readByte();
                byte[] body = new byte[length - HEADER_AFTER_LENGTH];
                data.readFully(body);
                return new Frame(id, type, body);
            } catch (EOFException e) {
                throw new EOFException("agent channel closed inside a frame of " + length + " bytes");
            }
        }
    }

    private static void skipToMagic(DataInputStream data, LongAdder noise) throws IOException {
        int window = 0;
        int seen = 0;
        while (seen < 4 || window != MAGIC) {
            int b = data.read();
            if (b < 0) {
                throw new EOFException("agent channel closed");
            }
            window = (window << 8) | b;
            seen++;
            noise.increment(); // counted as it comes, so a caller that gives up can say how much came
        }
        noise.add(-4);
    }
}
