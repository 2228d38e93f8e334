package dev.kbench.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real agent in {@code --stdio} mode with one system call failing for good (a seccomp
 * filter, {@code src/test/guest/syscall_fault.c}): a run whose end cannot be waited for must
 * end in one clear E reply, never in a made-up exit status or a log line every 10 ms for ever.
 */
class AgentSyscallFaultTest {

    private static final Duration REPLY = Duration.ofSeconds(10);
    private static final Path AGENT = Path.of("target/classes/guest/kbench-agent").toAbsolutePath();
    private static final Path FAULT = Path.of("target/test-classes/guest-test/syscall_fault").toAbsolutePath();
    private static final Path EXIT3 = Path.of("target/test-classes/guest-test/exit3").toAbsolutePath();

    @TempDir
    Path tmp;

    /** The agent under the fault: the reply to one run of exit3, or its failure, and the agent's stderr. */
    private record Outcome(RunResult result, AgentException failure, List<String> stderr) {
    }

    private Outcome runUnder(String fault, RunRequest request) throws Exception {
        Path stderr = tmp.resolve(fault + ".stderr");
        Process process = new ProcessBuilder(FAULT.toString(), fault, AGENT.toString(), "--stdio")
                .redirectError(stderr.toFile()).start();
        RunResult result = null;
        AgentException failure = null;
        try (AgentClient agent = new AgentClient(process.getInputStream(), process.getOutputStream(), process::destroyForcibly)) {
            try {
                result = agent.run(request, REPLY);
            } catch (AgentException e) {
                failure = e;
            }
            // the agent serves on after the failure: the channel stays in step
            assertEquals("up", new String(agent.ping("up".getBytes(StandardCharsets.UTF_8), REPLY), StandardCharsets.UTF_8));
        }
        process.waitFor();
        return new Outcome(result, failure, Files.readAllLines(stderr));
    }

    @Test
    void aFailedWaitpidIsAnErrorReplyNotExitStatusZero() throws Exception {
        Outcome outcome = runUnder("waitpid", RunRequest.of(EXIT3.toString()));
        assertEquals(null, outcome.result(), "a run whose status was lost reported one");
        assertTrue(outcome.failure().getMessage().matches("guest agent: run: waitpid \\d+: No child processes; its exit status is lost"),
                outcome.failure().getMessage());
    }

    @Test
    void aPersistentPpollErrorWithoutTimeoutFailsTheRunOnceAndKillsTheProgram() throws Exception {
        Path sleeper = Path.of("target/test-classes/guest-test/sleep_forever").toAbsolutePath();
        long start = System.nanoTime();
        Outcome outcome = runUnder("ppoll", RunRequest.of(sleeper.toString()));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(REPLY) < 0, "the run did not end");
        assertTrue(outcome.failure().getMessage().matches(
                "guest agent: run: waiting for pid \\d+: ppoll: Invalid argument; the program was killed"), outcome.failure().getMessage());
        assertEquals(List.of("kbench-agent: ready on stdio"), outcome.stderr(), "the agent logged on and on");
    }
}
