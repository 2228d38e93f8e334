package dev.kbench.guest;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * Fuzz targets for what kbench reads from a guest agent: the frame decoder, the run reply, and
 * the client as a whole. Any bytes must end in a frame, an EOF or an {@link AgentException}:
 * never another exception, never more memory than a frame's bound, never a hang.
 * Replayed from {@code AgentFramesFuzzTestInputs/} by every test run; {@code JAZZER_FUZZ=1} fuzzes.
 */
class AgentFramesFuzzTest {

    @FuzzTest(maxDuration = "3m")
    void frames(byte[] stream) throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(stream);
        LongAdder noise = new LongAdder();
        long frameBytes = 0;
        while (true) {
            Frame frame;
            try {
                frame = FrameCodec.read(in, noise);
            } catch (EOFException e) {
                break;
            }
            if (frame.body().length > FrameCodec.MAX_LENGTH - 5) {
                throw new IllegalStateException("a frame above the bound: " + frame);
            }
            frameBytes += 13 + frame.body().length;
            if (frame.type() == Frame.RUN) {
                try {
                    RunResult result = RunResult.decode(frame.body());
                    result.describeEnd();
                } catch (AgentException e) {
                    // a malformed run reply is named, not a crash
                }
            }
        }
        if (noise.sum() + frameBytes > stream.length) {
            throw new IllegalStateException("counted " + noise.sum() + " noise bytes and " + frameBytes + " frame bytes of " + stream.length);
        }
    }

    /** The whole client answering a ping and a run from a guest that sends {@code replies}, then closes. */
    @FuzzTest(maxDuration = "3m")
    void client(byte[] replies) throws IOException {
        try (AgentClient client = new AgentClient(new ByteArrayInputStream(replies), OutputStream.nullOutputStream(), () -> { })) {
            try {
                client.ping(new byte[] {1}, Duration.ofSeconds(5));
            } catch (AgentTimeoutException e) {
                throw new IllegalStateException("a closed channel must not wait for the deadline", e);
            } catch (IOException e) {
                // a clear error: channel closed, protocol broken, error reply
            }
            try {
                client.run(RunRequest.of("/bin/true"), Duration.ofSeconds(5));
            } catch (AgentTimeoutException e) {
                throw new IllegalStateException("a closed channel must not wait for the deadline", e);
            } catch (IOException e) {
                // as above
            }
        }
    }
}
