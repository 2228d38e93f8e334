package dev.kbench.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command that starts the agent kbench's initramfs left in an image, run by a real
 * {@code /bin/sh} through an SSH server in this JVM: it serves only with a copy of the build the
 * host names, and otherwise exits with {@link PreplacedAgent#ABSENT}, silently.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PreplacedAgentTest {

    private static final String BUILD = "1f2e3d4c-801000";

    @TempDir
    static Path keys;

    @TempDir
    Path dir;

    static InProcessSshServer server;
    static Path key;

    @BeforeAll
    static void startServer() throws Exception {
        key = keys.resolve("id_ed25519");
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString()).redirectErrorStream(true)
                .start();
        assertTrue(keygen.waitFor(30, TimeUnit.SECONDS) && keygen.exitValue() == 0, "ssh-keygen failed");
        server = InProcessSshServer.start(keys.resolve("id_ed25519.pub"));
    }

    @AfterAll
    static void stopServer() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    /** The command's exit status and its output, for the copy in {@link #dir}. */
    private List<Object> start(String build) throws IOException {
        try (SshConnection ssh = SshConnection.await("127.0.0.1", server.port(), key, Duration.ofSeconds(20), () -> true);
                RemoteProcess process = ssh.start(PreplacedAgent.command(dir.toString(), build, guestDir().toString()))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (process.isRunning() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            return List.of(process.exitStatus(Duration.ofSeconds(5)), process.output());
        }
    }

    /** Where programs go, beside the copy's folder. */
    private Path guestDir() {
        return dir.resolveSibling(dir.getFileName() + "-programs").resolve("kbench");
    }

    /** A stand-in agent that says how it was started. */
    private void placeAgent(String markerText) throws IOException {
        Path agent = Files.writeString(dir.resolve("kbench-agent"), "#!/bin/sh\necho \"agent $*\"\n");
        Files.setPosixFilePermissions(agent, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(dir.resolve("kbench-agent.build"), markerText, StandardCharsets.US_ASCII);
    }

    @Test
    void theCopyOfTheHostsBuildIsStartedToServe() throws IOException {
        placeAgent(BUILD + "\n");
        assertEquals(List.of(0, "agent --serve\n"), start(BUILD));
        assertTrue(Files.isDirectory(guestDir()), "the folder programs are written to was not made");
        placeAgent(BUILD);
        assertEquals(List.of(0, "agent --serve\n"), start(BUILD), "a marker without a newline at its end");
    }

    @Test
    void withoutACopyTheCommandSaysAbsentAndNothingElse() throws IOException {
        assertEquals(List.of(PreplacedAgent.ABSENT, ""), start(BUILD));
        assertFalse(Files.exists(guestDir()), "a folder made though no agent was started");
        Files.delete(dir);
        assertEquals(List.of(PreplacedAgent.ABSENT, ""), start(BUILD), "no folder at all");
    }

    @Test
    void aCopyOfAnotherBuildIsNotStarted() throws IOException {
        placeAgent("00000000-801000\n");
        assertEquals(List.of(PreplacedAgent.ABSENT, ""), start(BUILD));
        placeAgent("");
        assertEquals(List.of(PreplacedAgent.ABSENT, ""), start(BUILD), "an empty marker");
        placeAgent(BUILD + "x\n");
        assertEquals(List.of(PreplacedAgent.ABSENT, ""), start(BUILD), "a longer build");
    }

    @Test
    void aMarkerWithoutAnExecutableCopyIsNotEnough() throws IOException {
        placeAgent(BUILD + "\n");
        Files.setPosixFilePermissions(dir.resolve("kbench-agent"), PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals(List.of(PreplacedAgent.ABSENT, ""), start(BUILD));
    }
}
