package dev.kbench.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * Streams over a UNIX socket that may be read and written from two threads at once.
 * {@link java.nio.channels.Channels#newInputStream} cannot: its reads hold the channel's
 * blocking lock, which makes a concurrent write wait for the next byte to arrive.
 */
public final class UnixSocketStreams implements AutoCloseable {

    private final SocketChannel channel;

    private UnixSocketStreams(SocketChannel channel) {
        this.channel = channel;
    }

    public static UnixSocketStreams connect(Path socket) throws IOException {
        return new UnixSocketStreams(SocketChannel.open(UnixDomainSocketAddress.of(socket)));
    }

    /** Streams over a connected socket (one a server accepted); closing them closes it. */
    public static UnixSocketStreams of(SocketChannel channel) {
        return new UnixSocketStreams(channel);
    }

    public InputStream input() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                return channel.read(ByteBuffer.wrap(b, off, len));
            }
        };
    }

    public OutputStream output() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
        };
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
