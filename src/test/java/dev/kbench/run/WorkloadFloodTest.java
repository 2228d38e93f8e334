package dev.kbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.guest.AgentClient;
import dev.kbench.guest.RunRequest;
import dev.kbench.guest.RunResult;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A workload that prints 1 GiB on stdout, run by the real guest agent (on the host, in its
 * {@code --stdio} mode): the agent keeps 256 KiB and says it cut the rest, and the run fails
 * with a one-line error, not with kbench's memory.
 */
class WorkloadFloodTest {

    @Test
    void aGigabyteOnStdoutIsCutByTheAgentAndFailsTheRunClearly() throws Exception {
        Process agentProcess = new ProcessBuilder(Path.of("target/classes/guest/kbench-agent").toString(), "--stdio")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (AgentClient agent = new AgentClient(agentProcess.getInputStream(), agentProcess.getOutputStream(), agentProcess::destroyForcibly)) {
            String flood = Path.of("target/test-classes/guest-test/flood_stdout").toAbsolutePath().toString();
            RunResult result = agent.run(new RunRequest(java.util.List.of(flood), -1, Duration.ofSeconds(60)), Duration.ofSeconds(90));
            assertTrue(result.succeeded(), result.describeEnd());
            assertEquals(256 << 10, result.stdout().length(), "stdout is cut at 256 KiB");
            assertTrue(result.stderr().endsWith("kbench-agent: output truncated\n"), result.stderr());
            WorkloadException e = assertThrows(WorkloadException.class, () -> WorkloadOutput.parse(result.stdout()));
            assertEquals("printed '" + "0123456789".repeat(8) + "...' instead of one integer on stdout", e.getMessage());
        }
    }
}
