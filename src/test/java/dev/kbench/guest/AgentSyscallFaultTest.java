package dev.kbench.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real agent in {@code --stdio} mode with one system call failing for good (a seccomp
 * filter, {@code src/test/guest/syscall_fault.c}): a run whose end cannot be waited for must
 * end in one clear E reply, never in a made-up exit status or a log line every 10 ms for ever;
 * a kernel without signalfd (Lupine's) must be served as well as any.
 */
class AgentSyscallFaultTest {

    private static final Duration REPLY = Duration.ofSeconds(10);
    private static final Path AGENT = Path.of("target/classes/guest/kbench-agent").toAbsolutePath();
    private static final Path FAULT = Path.of("target/test-classes/guest-test/syscall_fault").toAbsolutePath();
    private static final Path EXIT3 = Path.of("target/test-classes/guest-test/exit3").toAbsolutePath();

    @TempDir
    Path tmp;

    /** One run under the fault: its reply or its failure, and the agent's whole stderr. */
    private record Outcome(RunResult result, AgentException failure, List<String> stderr) {
    }

    private Outcome runUnder(String fault, RunRequest request) throws Exception {
        return runUnder(fault, List.of(request)).get(0);
    }

    /** The agent under the fault: each request's reply or failure, in order, each with the agent's whole stderr. */
    private List<Outcome> runUnder(String fault, List<RunRequest> requests) throws Exception {
        Path stderr = tmp.resolve(fault + ".stderr");
        Process process = new ProcessBuilder(FAULT.toString(), fault, AGENT.toString(), "--stdio")
                .redirectError(stderr.toFile()).start();
        List<RunResult> results = new ArrayList<>();
        List<AgentException> failures = new ArrayList<>();
        try (AgentClient agent = new AgentClient(process.getInputStream(), process.getOutputStream(), process::destroyForcibly)) {
            for (RunRequest request : requests) {
                try {
                    results.add(agent.run(request, REPLY));
                    failures.add(null);
                } catch (AgentException e) {
                    results.add(null);
                    failures.add(e);
                }
            }
            // the agent serves on after a failure: the channel stays in step
            assertEquals("up", new String(agent.ping("up".getBytes(StandardCharsets.UTF_8), REPLY), StandardCharsets.UTF_8));
        }
        process.waitFor();
        List<String> lines = Files.readAllLines(stderr);
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            outcomes.add(new Outcome(results.get(i), failures.get(i), lines));
        }
        return outcomes;
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

    @Test
    void withoutSignalfdRunsEndAndTimeOutAsWithIt() throws Exception {
        Path sleeper = Path.of("target/test-classes/guest-test/sleep_forever").toAbsolutePath();
        List<Outcome> outcomes = runUnder("nosignalfd", List.of(RunRequest.of(EXIT3.toString()),
                RunRequest.of(sleeper.toString()).withTimeout(Duration.ofMillis(300)), RunRequest.of(EXIT3.toString())));
        assertEquals(3, outcomes.get(0).result().exitStatus(), outcomes.get(0).toString());
        assertEquals("12\n", outcomes.get(0).result().stdout());
        RunResult killed = outcomes.get(1).result();
        assertTrue(killed.timedOut() && killed.signal() == 9, killed.toString());
        assertTrue(killed.wallNanos() >= 300_000_000L && killed.wallNanos() < REPLY.toNanos(), killed.toString());
        assertEquals(3, outcomes.get(2).result().exitStatus(), "the run after a timeout: " + outcomes.get(2));
        assertEquals(List.of("kbench-agent: ready on stdio"), outcomes.get(0).stderr(), "nothing to say about a missing signalfd");
    }
}
