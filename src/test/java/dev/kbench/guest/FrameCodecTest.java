package dev.kbench.guest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameCodecTest {

    @Test
    void encodesMagicLengthIdTypeAndBodyBigEndian() {
        byte[] bytes = FrameCodec.encode(new Frame(7, Frame.PING, new byte[] {1, 2, 3}));
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        assertEquals(0x4B424E43, buffer.getInt());
        assertEquals(5 + 3, buffer.getInt());
        assertEquals(7, buffer.getInt());
        assertEquals('P', buffer.get());
        assertEquals(1, buffer.get());
        assertEquals(16, bytes.length);
    }

    @Test
    void readsBackWhatItWrote() throws IOException {
        Frame frame = new Frame(42, Frame.RUN, "hello".getBytes(StandardCharsets.UTF_8));
        assertEquals(frame, FrameCodec.read(new ByteArrayInputStream(FrameCodec.encode(frame))));
    }

    @Test
    void skipsGarbageBeforeTheMagic() throws IOException {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes("[    1.234] console noise KB".getBytes(StandardCharsets.US_ASCII));
        stream.writeBytes(FrameCodec.encode(new Frame(3, Frame.PING, new byte[0])));
        Frame read = FrameCodec.read(new ByteArrayInputStream(stream.toByteArray()));
        assertEquals(3, read.id());
        assertEquals(0, read.body().length);
    }

    @Test
    void aMagicWithAnImpossibleLengthIsNoiseAndTheScanGoesOn() throws IOException {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(ByteBuffer.allocate(8).putInt(FrameCodec.MAGIC).putInt(FrameCodec.MAX_LENGTH + 1).array());
        stream.writeBytes(ByteBuffer.allocate(8).putInt(FrameCodec.MAGIC).putInt(2).array());
        stream.writeBytes(FrameCodec.encode(new Frame(5, Frame.PING, new byte[] {4})));
        Frame read = FrameCodec.read(new ByteArrayInputStream(stream.toByteArray()));
        assertEquals(new Frame(5, Frame.PING, new byte[] {4}), read);
    }

    @Test
    void onlyNoiseEndsInEof() {
        byte[] bytes = ByteBuffer.allocate(8).putInt(FrameCodec.MAGIC).putInt(FrameCodec.MAX_LENGTH + 1).array();
        assertThrows(EOFException.class, () -> FrameCodec.read(new ByteArrayInputStream(bytes)));
    }

    @Test
    void endOfStreamMidFrameIsAnEof() {
        byte[] whole = FrameCodec.encode(new Frame(1, Frame.PING, new byte[10]));
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 4);
        assertThrows(EOFException.class, () -> FrameCodec.read(new ByteArrayInputStream(cut)));
    }

    @Test
    void runRequestCarriesCpuTimeoutAndNulTerminatedArgv() {
        byte[] body = RunRequest.of("/bin/eventfd", "1000").pinnedTo(0).withTimeout(Duration.ofSeconds(2)).encode();
        ByteBuffer buffer = ByteBuffer.wrap(body);
        assertEquals(0, buffer.getInt());
        assertEquals(2000, buffer.getInt());
        assertEquals("/bin/eventfd\u00001000\u0000", new String(body, 8, body.length - 8, StandardCharsets.UTF_8));
    }

    @Test
    void runRequestRefusesEmptyArgvAndNulBytes() {
        assertThrows(IllegalArgumentException.class, () -> new RunRequest(List.of(), -1, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> RunRequest.of("/bin/x", "a\0b"));
    }

    @Test
    void decodesARunReplyWithStdoutAndStderr() throws AgentException {
        byte[] out = "123\n".getBytes(StandardCharsets.UTF_8);
        byte[] err = "warn".getBytes(StandardCharsets.UTF_8);
        ByteBuffer reply = ByteBuffer.allocate(21 + out.length + err.length);
        reply.putInt(0).putInt(0).putLong(987654321L).put((byte) 0).putInt(out.length).put(out).put(err);
        RunResult result = RunResult.decode(reply.array());
        assertEquals(new RunResult(0, 0, 987654321L, false, "123\n", "warn"), result);
        assertEquals(true, result.succeeded());
    }

    @Test
    void aRunReplyWhoseStdoutLengthOverrunsIsRejected() {
        ByteBuffer reply = ByteBuffer.allocate(21).putInt(0).putInt(0).putLong(1).put((byte) 0).putInt(100);
        AgentException e = assertThrows(AgentException.class, () -> RunResult.decode(reply.array()));
        assertEquals("run reply has a stdout length of 100 but only 0 bytes follow", e.getMessage());
    }

    @Test
    void describesHowARunEnded() {
        assertEquals("exited with status 3", new RunResult(3, 0, 0, false, "", "").describeEnd());
        assertEquals("killed by signal 11", new RunResult(-1, 11, 0, false, "", "").describeEnd());
        assertEquals("killed after its timeout", new RunResult(-1, 9, 0, true, "", "").describeEnd());
        assertArrayEquals(new byte[0], new Frame(1, Frame.PING, new byte[0]).body());
    }
}
