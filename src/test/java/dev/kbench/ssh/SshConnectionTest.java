package dev.kbench.ssh;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A refused connection (nothing listens on the port) ends in a clear error within the bound, naming the last cause. */
class SshConnectionTest {

    @TempDir
    Path tmp;

    @Test
    void aRefusedConnectionGivesUpWithinTheBoundAndSaysWhy() throws Exception {
        Path key = tmp.resolve("id_ed25519");
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString()).start();
        assertTrue(keygen.waitFor(30, TimeUnit.SECONDS) && keygen.exitValue() == 0, "ssh-keygen failed");
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort(); // closed again below: nothing listens there any more
        }
        int closedPort = port;
        long start = System.nanoTime();
        IOException e = assertThrows(IOException.class,
                () -> SshConnection.await("127.0.0.1", closedPort, key, Duration.ofSeconds(3), () -> true));
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        assertTrue(seconds < 15, "gave up only after " + seconds + " s");
        assertTrue(e.getMessage().startsWith("SSH on root@127.0.0.1:" + closedPort + " did not come up within 3 s (last attempt: "),
                e.getMessage());
        assertTrue(e.getMessage().toLowerCase().contains("refused"), e.getMessage());
    }
}
