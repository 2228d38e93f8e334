package dev.kbench.guest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real guest agent, run on the host in its {@code --stdio} mode, which serves the same
 * protocol over a pipe: its framing, its runs and its answers to malformed requests.
 */
class AgentProtocolTest {

    private static final Duration REPLY = Duration.ofSeconds(10);
    private static final Path GUEST = Path.of("target/classes/guest");
    private static final Path TEST_PROGRAMS = Path.of("target/test-classes/guest-test");

    private Process agentProcess;
    private OutputStream rawInput;
    private AgentClient agent;

    @BeforeEach
    void startAgent() throws IOException {
        agentProcess = new ProcessBuilder(GUEST.resolve("kbench-agent").toString(), "--stdio")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        rawInput = agentProcess.getOutputStream();
        agent = new AgentClient(agentProcess.getInputStream(), rawInput, agentProcess::destroyForcibly);
    }

    @AfterEach
    void stopAgent() throws IOException {
        agent.close();
    }

    private static String program(String name) {
        return TEST_PROGRAMS.resolve(name).toAbsolutePath().toString();
    }

    @Test
    void pingEchoesItsBody() throws IOException {
        byte[] payload = "kbench".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(payload, agent.ping(payload, REPLY));
    }

    @Test
    void runsTheEventfdWorkloadAndReportsWallTime() throws IOException {
        Path eventfd = GUEST.resolve("workloads/eventfd").toAbsolutePath();
        RunResult result = agent.run(RunRequest.of(eventfd.toString(), "20000"), REPLY);
        assertTrue(result.succeeded(), result.toString());
        assertTrue(Long.parseLong(result.stdout().strip()) > 0, result.stdout());
        assertTrue(result.wallNanos() > 0);
    }

    @Test
    void passesArgvExactlyIncludingEmptyAndSpacedArguments() throws IOException {
        RunResult result = agent.run(new RunRequest(List.of(program("count_args"), "a b", "", "c"), -1, Duration.ZERO), REPLY);
        assertEquals("3", result.stdout().strip());
        assertEquals("a b\n\nc\n", result.stderr());
    }

    @Test
    void reportsExitStatusSignalAndTimeout() throws IOException {
        RunResult exit3 = agent.run(RunRequest.of(program("exit3")), REPLY);
        assertEquals(3, exit3.exitStatus());
        assertEquals("12\n", exit3.stdout());
        RunResult segv = agent.run(RunRequest.of(program("segv")), REPLY);
        assertEquals(11, segv.signal());
        RunResult hung = agent.run(RunRequest.of(program("sleep_forever")).withTimeout(Duration.ofMillis(300)), REPLY);
        assertTrue(hung.timedOut());
        assertEquals(9, hung.signal());
    }

    @Test
    void pinsToTheRequestedCpu() throws IOException {
        RunResult pinned = agent.run(RunRequest.of("/bin/grep", "Cpus_allowed_list", "/proc/self/status").pinnedTo(0), REPLY);
        assertEquals("Cpus_allowed_list:\t0", pinned.stdout().strip());
    }

    @Test
    void aFileWrittenInPiecesArrivesWholeExecutableAndReplacesARunningProgram(@TempDir Path dir) throws Exception {
        // bigger than several of the agent's 64 KiB requests, and not a multiple of a piece
        byte[] eventfd = Files.readAllBytes(GUEST.resolve("workloads/eventfd"));
        assertTrue(eventfd.length > 5 * 65536, "eventfd is " + eventfd.length + " bytes");
        Path target = dir.resolve("eventfd");
        agent.writeFile(target.toString(), eventfd, 0755, REPLY);
        assertArrayEquals(eventfd, Files.readAllBytes(target));
        assertEquals("rwxr-xr-x", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        assertTrue(Files.notExists(dir.resolve("eventfd.kbench-part")), "the part file was renamed into place");
        RunResult run = agent.run(RunRequest.of(target.toString(), "1000"), REPLY);
        assertTrue(run.succeeded(), run.toString());
        // a busy executable cannot be opened for writing (ETXTBSY); one written beside it can replace it
        Process busy = new ProcessBuilder(target.toString(), "100000000").start();
        try {
            byte[] other = Files.readAllBytes(GUEST.resolve("workloads/getppid"));
            agent.writeFile(target.toString(), other, 0700, REPLY);
            assertArrayEquals(other, Files.readAllBytes(target));
        } finally {
            busy.destroyForcibly().waitFor();
        }
        agent.writeFile(dir.resolve("empty").toString(), new byte[0], 0644, REPLY);
        assertEquals(0, Files.size(dir.resolve("empty")));
    }

    @Test
    void aFileThatCannotBeWrittenIsAnErrorReplyNamingIt() {
        AgentException e = assertThrows(AgentException.class,
                () -> agent.writeFile("/no/such/folder/eventfd", new byte[10], 0755, REPLY));
        assertTrue(e.getMessage().contains("/no/such/folder/eventfd.kbench-part") && e.getMessage().contains("No such file"), e.getMessage());
        AgentException relative = assertThrows(AgentException.class, () -> agent.writeFile("eventfd", new byte[10], 0755, REPLY));
        assertTrue(relative.getMessage().contains("not absolute"), relative.getMessage());
    }

    @Test
    void aFileIsReadWholeInPiecesAndALargerOneThanTheLimitIsRefused(@TempDir Path dir) throws IOException {
        // more than two of the agent's 512 KiB replies, and not a multiple of one
        byte[] content = new byte[(1 << 20) + 12345];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31 + (i >> 9));
        }
        Path file = Files.write(dir.resolve("kallsyms"), content);
        assertArrayEquals(content, agent.readFile(file.toString(), 2 << 20, REPLY));
        assertArrayEquals(new byte[0], agent.readFile(Files.write(dir.resolve("empty"), new byte[0]).toString(), 10, REPLY));
        AgentException large = assertThrows(AgentException.class, () -> agent.readFile(file.toString(), 1 << 20, REPLY));
        assertTrue(large.getMessage().contains("larger than 1048576 bytes"), large.getMessage());
        // the agent is still in step after the refused read
        assertArrayEquals(content, agent.readFile(file.toString(), 2 << 20, REPLY));
    }

    @Test
    void aFileThatCannotBeReadIsAnErrorReplyNamingIt() throws IOException {
        AgentException missing = assertThrows(AgentException.class, () -> agent.readFile("/no/such/kallsyms", 100, REPLY));
        assertTrue(missing.getMessage().contains("/no/such/kallsyms") && missing.getMessage().contains("No such file"), missing.getMessage());
        AgentException relative = assertThrows(AgentException.class, () -> agent.readFile("kallsyms", 100, REPLY));
        assertTrue(relative.getMessage().contains("not absolute"), relative.getMessage());
        Frame shortBody = agent.request(Frame.READ_FILE, new byte[5], REPLY);
        assertEquals(Frame.ERROR, shortBody.type());
        assertTrue(new String(shortBody.body(), StandardCharsets.UTF_8).contains("shorter than its 12-byte header"));
    }

    @Test
    void aMissingProgramIsAnErrorReply() {
        AgentException e = assertThrows(AgentException.class, () -> agent.run(RunRequest.of("/no/such/workload"), REPLY));
        assertTrue(e.getMessage().contains("/no/such/workload"), e.getMessage());
        assertTrue(e.getMessage().contains("No such file or directory"), e.getMessage());
    }

    @Test
    void unknownTypesOversizedAndMalformedRequestsGetErrorsAndTheAgentLivesOn() throws IOException {
        assertEquals(Frame.ERROR, agent.request((byte) 'Z', new byte[0], REPLY).type());
        assertEquals(Frame.ERROR, agent.request(Frame.RUN, new byte[FrameCodec.MAX_REQUEST_LENGTH + 100], REPLY).type());
        byte[] noNul = ByteBuffer.allocate(8 + 4).putInt(-1).putInt(0).put("/bin".getBytes(StandardCharsets.US_ASCII)).array();
        assertEquals(Frame.ERROR, agent.request(Frame.RUN, noNul, REPLY).type());
        assertEquals(Frame.ERROR, agent.request(Frame.RUN, new byte[3], REPLY).type());
        assertArrayEquals(new byte[] {1}, agent.ping(new byte[] {1}, REPLY));
    }

    @Test
    void resynchronisesAfterGarbageOnTheChannel() throws IOException {
        byte[] garbage = new byte[200];
        new java.util.Random(7).nextBytes(garbage);
        rawInput.write(garbage);
        rawInput.flush();
        assertArrayEquals(new byte[] {9}, agent.ping(new byte[] {9}, REPLY));
    }

    @Test
    void powerOffIsAcknowledged() throws Exception {
        agent.powerOff(REPLY);
        assertTrue(agentProcess.waitFor(5, TimeUnit.SECONDS));
        assertEquals(0, agentProcess.exitValue());
    }

    @Test
    void theBuildProducedStaticGuestBinaries() throws IOException {
        for (Path binary : List.of(GUEST.resolve("kbench-agent"), GUEST.resolve("workloads/eventfd"))) {
            byte[] head = Files.readAllBytes(binary);
            assertEquals(0x7f, head[0]);
            // a static executable has no PT_INTERP: no dynamic loader path inside
            assertTrue(!new String(head, StandardCharsets.ISO_8859_1).contains("/lib64/ld-linux-x86-64.so.2"), binary + " is dynamic");
        }
    }
}
