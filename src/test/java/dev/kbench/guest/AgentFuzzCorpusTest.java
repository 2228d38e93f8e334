package dev.kbench.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays the guest agent's fuzzing corpus (guest-agent/fuzz: the seeds, AFL++'s minimised
 * queue and every input that once crashed it) through the real agent's {@code --stdio} mode,
 * built with AddressSanitizer and UBSan and unable to execute programs (make fuzz): each input
 * must end with exit status 0, no sanitizer report, and well-formed reply frames only.
 */
class AgentFuzzCorpusTest {

    private static final Path AGENT = Path.of("target/test-classes/guest-test/kbench-agent-fuzz");
    private static final Path FUZZ = Path.of("guest-agent/fuzz");

    static Stream<Path> inputs() throws IOException {
        List<Path> all = new ArrayList<>();
        for (String dir : List.of("seeds", "corpus", "crashes")) {
            Path folder = FUZZ.resolve(dir);
            if (Files.isDirectory(folder)) {
                try (Stream<Path> files = Files.list(folder)) {
                    files.filter(Files::isRegularFile).sorted().forEach(all::add);
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void theAgentAnswersEveryInputWithFramesAndExitsCleanly(Path input) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(AGENT.toAbsolutePath().toString(), "--stdio").redirectInput(input.toFile());
        builder.environment().put("ASAN_OPTIONS", "exitcode=86:detect_leaks=0");
        builder.environment().put("UBSAN_OPTIONS", "exitcode=87:print_stacktrace=1");
        Process agent = builder.start();
        CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> drain(agent.getInputStream()));
        CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> drain(agent.getErrorStream()));
        if (!agent.waitFor(20, TimeUnit.SECONDS)) {
            agent.destroyForcibly();
            throw new AssertionError("the agent did not finish " + input + " within 20 s");
        }
        String errors = new String(stderr.get(5, TimeUnit.SECONDS));
        assertEquals(0, agent.exitValue(), input + ": " + errors);
        assertTrue(!errors.contains("Sanitizer") && !errors.contains("runtime error"), errors);
        // everything the agent wrote is frames, each within the protocol's bounds
        ByteArrayInputStream replies = new ByteArrayInputStream(stdout.get(5, TimeUnit.SECONDS));
        LongAdder noise = new LongAdder();
        try {
            while (true) {
                Frame reply = FrameCodec.read(replies, noise);
                assertTrue("PRQEWF".indexOf(reply.type()) >= 0, "reply type " + reply);
            }
        } catch (EOFException end) {
            assertEquals("agent channel closed", end.getMessage(), "a cut reply");
        }
        assertEquals(0, noise.sum(), "bytes between the agent's frames");
    }

    private static byte[] drain(java.io.InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
