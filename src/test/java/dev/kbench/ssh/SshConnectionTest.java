package dev.kbench.ssh;

import dev.kbench.ShellQuote;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.guest.RunResult;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SshConnection against a real SSH server in this JVM (Apache MINA SSHD on 127.0.0.1) whose
 * exec requests run real {@code /bin/sh} commands on this host: no VM boots. The client key is
 * an ed25519 key from ssh-keygen, as users have. The timeout only guards against a hang.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SshConnectionTest {

    /** SshConnection keeps this much of each output stream (its OUTPUT_CAP, like the guest agent's). */
    private static final int CAP = 256 << 10;
    private static final String TRUNCATION_NOTE = "\nkbench-ssh: output truncated\n";
    private static final Duration REPLY = Duration.ofSeconds(30);
    private static final byte[] NO_INPUT = new byte[0];

    @TempDir
    static Path keys;

    @TempDir
    Path tmp;

    static Path key;
    static InProcessSshServer server;

    @BeforeAll
    static void startServer() throws Exception {
        key = newKey(keys, "id_ed25519");
        server = InProcessSshServer.start(keys.resolve("id_ed25519.pub"));
    }

    @AfterAll
    static void stopServer() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    private static SshConnection connect() throws IOException {
        return SshConnection.await("127.0.0.1", server.port(), key, Duration.ofSeconds(20), () -> true);
    }

    @Test
    void execReturnsStdoutStderrAndTheExitStatus() throws IOException {
        try (SshConnection ssh = connect()) {
            assertEquals("root@127.0.0.1:" + server.port(), ssh.where());
            RunResult result = ssh.exec("echo out; echo err >&2; exit 3", NO_INPUT, Duration.ZERO, REPLY);
            assertEquals(List.of(3, 0, false, "out\n", "err\n"),
                    List.of(result.exitStatus(), result.signal(), result.timedOut(), result.stdout(), result.stderr()), result.toString());
            assertEquals("exited with status 3", result.describeEnd());
            assertTrue(result.wallNanos() > 0, result.toString());

            RunResult fine = ssh.exec("printf '%s' \"$(cat)\" | tr a-z A-Z", "from stdin".getBytes(StandardCharsets.UTF_8),
                    Duration.ofSeconds(20), REPLY);
            assertTrue(fine.succeeded(), fine.toString());
            assertEquals("FROM STDIN", fine.stdout());
        }
    }

    @Test
    void execCheckedFailsWithTheCommandItsEndAndItsStderr() throws IOException {
        try (SshConnection ssh = connect()) {
            ssh.execChecked("true", NO_INPUT, REPLY);
            IOException e = assertThrows(IOException.class, () -> ssh.execChecked("echo no such thing >&2; exit 2", NO_INPUT, REPLY));
            assertEquals("'echo no such thing >&2; exit 2' on " + ssh.where() + " exited with status 2: no such thing", e.getMessage());
        }
    }

    @Test
    void aCommandPastItsTimeoutIsKilledWithItsChildrenAndReportedAsTimedOut() throws Exception {
        Path pids = tmp.resolve("pids");
        try (SshConnection ssh = connect()) {
            int signalsBefore = server.signalsReceived().size();
            RunResult late = ssh.exec("sleep 60 & echo $$ $! > " + ShellQuote.quote(pids.toString()) + "; echo never seen; wait",
                    NO_INPUT, Duration.ofSeconds(2), REPLY); // ample for the shell to write its pid file first
            assertTrue(late.timedOut(), late.toString());
            assertFalse(late.succeeded(), late.toString());
            assertEquals("killed after its timeout", late.describeEnd());
            assertEquals("", late.stdout(), "the output of a killed run is dropped");

            assertTrue(Files.exists(pids), "the command never started");
            List<Long> started = new ArrayList<>();
            for (String pid : Files.readString(pids).strip().split(" ")) {
                started.add(Long.parseLong(pid));
            }
            assertEquals(2, started.size(), started.toString());
            assertEquals(List.of("KILL"), server.signalsReceived().subList(signalsBefore, server.signalsReceived().size()));
            // the server leaves a command running when only its channel closes: gone means SIGKILL reached it
            for (long pid : started) {
                assertTrue(Waits.endsWithin(pid, Duration.ofSeconds(10)), "process " + pid + " still runs after the timeout");
            }

            RunResult after = ssh.exec("echo still serving", NO_INPUT, Duration.ZERO, REPLY);
            assertEquals("still serving\n", after.stdout(), "the connection serves on after a killed run");
        }
    }

    @Test
    void withoutAKillTimeoutACommandThatOutlastsTheReplyTimeoutIsAnError() throws IOException {
        try (SshConnection ssh = connect()) {
            IOException e = assertThrows(IOException.class, () -> ssh.exec("sleep 30", NO_INPUT, Duration.ZERO, Duration.ofSeconds(1)));
            assertEquals("no exit status from 'sleep 30' on " + ssh.where() + " within 1000 ms", e.getMessage());
        }
    }

    @Test
    void uploadWritesTheExactBytesWithMode755IntoAFolderItCreates() throws IOException {
        byte[] content = new byte[1 << 20];
        new Random(42).nextBytes(content);
        for (int i = 0; i < 256; i++) {
            content[i] = (byte) i; // every byte value, NUL and newline included
        }
        // a quote and a space in the path: quoted for the remote shell, not split or expanded
        Path target = tmp.resolve("new folder/it's $HOME").resolve("payload.bin");
        try (SshConnection ssh = connect()) {
            ssh.upload(content, target.toString(), REPLY);
        }
        assertArrayEquals(content, Files.readAllBytes(target));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        try (var files = Files.list(target.getParent())) {
            assertEquals(List.of(target), files.toList(), "no temporary file is left beside it");
        }
    }

    @Test
    void uploadReplacesAnExecutableThatIsRunning() throws Exception {
        Path program = tmp.resolve("bin/sleeper");
        byte[] sleep = Files.readAllBytes(Path.of("/bin/sleep"));
        try (SshConnection ssh = connect()) {
            ssh.upload(sleep, program.toString(), REPLY);
            try (RemoteProcess running = ssh.start("exec " + ShellQuote.quote(program.toString()) + " 60")) {
                assertTrue(running.isRunning());
                byte[] script = "#!/bin/sh\necho replaced\n".getBytes(StandardCharsets.UTF_8);
                ssh.upload(script, program.toString(), REPLY); // writing over a busy executable would fail with ETXTBSY
                assertArrayEquals(script, Files.readAllBytes(program));
                assertEquals("replaced\n", ssh.exec(ShellQuote.quote(program.toString()), NO_INPUT, Duration.ZERO, REPLY).stdout());
            }
        }
    }

    @Test
    void theOutputCapBoundsWhatIsKeptOfACommandPrintingFarMore() throws IOException {
        try (SshConnection ssh = connect()) {
            RunResult result = ssh.exec("yes | head -c 50M; yes e | head -c 10M >&2", NO_INPUT, Duration.ZERO, REPLY);
            // the command ran to its end (its output was drained, not left to stall the channel) ...
            assertTrue(result.succeeded(), result.describeEnd());
            // ... and of 50 MB only the cap was kept, with a note saying so
            assertEquals("y\n".repeat(CAP / 2) + TRUNCATION_NOTE, result.stdout());
            assertEquals("e\n".repeat(CAP / 2) + TRUNCATION_NOTE, result.stderr());
        }
    }

    @Test
    void outputUnderTheCapIsKeptWhole() throws IOException {
        try (SshConnection ssh = connect()) {
            RunResult result = ssh.exec("yes | head -c " + CAP, NO_INPUT, Duration.ZERO, REPLY);
            assertEquals("y\n".repeat(CAP / 2), result.stdout());
        }
    }

    @Test
    void aStartedProcessRunsUntilClosedAndKeepsABoundedOutput() throws Exception {
        Path pid = tmp.resolve("pid");
        try (SshConnection ssh = connect()) {
            RemoteProcess chatty = ssh.start("yes | head -c 5M");
            assertTrue(Waits.waitFor(() -> !chatty.isRunning(), Duration.ofSeconds(20)), "yes | head -c 5M did not end");
            assertTrue(chatty.output().length() >= CAP && chatty.output().length() < CAP + 4096, "kept " + chatty.output().length());
            chatty.close();

            RemoteProcess sleeper = ssh.start("echo $$ > " + ShellQuote.quote(pid.toString()) + "; exec sleep 60");
            assertTrue(Waits.waitFor(() -> Files.exists(pid) && !Waits.readQuietly(pid).isBlank(), Duration.ofSeconds(10)), "it never started");
            assertTrue(sleeper.isRunning());
            sleeper.close();
            long serverPid = Long.parseLong(Files.readString(pid).strip());
            assertTrue(Waits.endsWithin(serverPid, Duration.ofSeconds(10)), "process " + serverPid + " still runs after close()");
        }
    }

    @Test
    void aWrongKeyFailsAtOnceWithOneLineNamingTheKey() throws Exception {
        Path wrong = newKey(tmp, "wrong_key");
        AtomicInteger attempts = new AtomicInteger();
        SshException e = assertThrows(SshException.class, () -> SshConnection.await("127.0.0.1", server.port(), wrong,
                Duration.ofSeconds(60), () -> attempts.incrementAndGet() > 0));
        assertTrue(e.isAuthentication());
        assertEquals(1, attempts.get(), "a refused key is not tried again until the bound");
        assertTrue(e.getMessage().startsWith("root@127.0.0.1:" + server.port() + " refused the key " + wrong + " ("), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void aRefusedConnectionIsRetriedUntilTheBoundThenSaysWhy() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort(); // closed again: nothing listens there any more
        }
        int closedPort = port;
        AtomicInteger attempts = new AtomicInteger();
        SshException e = assertThrows(SshException.class, () -> SshConnection.await("127.0.0.1", closedPort, key,
                Duration.ofSeconds(1), () -> attempts.incrementAndGet() > 0));
        assertFalse(e.isAuthentication());
        assertTrue(attempts.get() > 1, "tried " + attempts.get() + " times");
        assertTrue(e.getMessage().startsWith("SSH on root@127.0.0.1:" + closedPort + " did not come up within 1 s (last attempt: "),
                e.getMessage());
        assertTrue(e.getMessage().toLowerCase().contains("refused"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void aPortThatAcceptsButNeverSpeaksSshGivesUpAtTheBound() throws Exception {
        // as QEMU's forwarded port does while the guest has no SSH server yet
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            SshException e = assertThrows(SshException.class, () -> SshConnection.await("127.0.0.1", silent.getLocalPort(), key,
                    Duration.ofSeconds(1), () -> true));
            assertFalse(e.isAuthentication());
            assertTrue(e.getMessage().startsWith("SSH on root@127.0.0.1:" + silent.getLocalPort() + " did not come up within 1 s"),
                    e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    @Test
    void aPeerThatWentAwayStopsTheWaitAtOnce() {
        SshException e = assertThrows(SshException.class,
                () -> SshConnection.await("127.0.0.1", server.port(), key, Duration.ofSeconds(60), () -> false));
        assertEquals("the guest went away before SSH on root@127.0.0.1:" + server.port() + " answered", e.getMessage());
    }

    @Test
    void aMissingOrBrokenKeyIsReportedBeforeConnecting() throws IOException {
        Path missing = tmp.resolve("no_such_key");
        SshException gone = assertThrows(SshException.class, () -> SshConnection.checkKey(missing));
        assertEquals("SSH key " + missing + " is missing or not readable", gone.getMessage());
        assertTrue(gone.isAuthentication());

        Path broken = Files.writeString(tmp.resolve("broken_key"), "-----BEGIN OPENSSH PRIVATE KEY-----\nnot a key\n");
        SshException unreadable = assertThrows(SshException.class, () -> SshConnection.checkKey(broken));
        assertTrue(unreadable.getMessage().startsWith("cannot read the SSH key " + broken + ": "), unreadable.getMessage());
        assertFalse(unreadable.getMessage().contains("\n"), unreadable.getMessage());
        SshConnection.checkKey(key);
    }

    /** A fresh ed25519 key pair without a passphrase from ssh-keygen, as users make them; returns the private key. */
    private static Path newKey(Path dir, String name) throws Exception {
        Path key = dir.resolve(name);
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "kbench-test", "-f", key.toString())
                .redirectErrorStream(true).start();
        String output = new String(keygen.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(keygen.waitFor(30, TimeUnit.SECONDS) && keygen.exitValue() == 0, "ssh-keygen failed: " + output);
        return key;
    }
}
