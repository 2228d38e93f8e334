package dev.kbench.ssh;

import dev.kbench.ShellQuote;
import dev.kbench.guest.RunResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.Signal;
import net.schmizz.sshj.transport.verification.PromiscuousVerifier;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;

/**
 * One SSH connection as root to a guest, with sshj: commands run on exec channels (one per
 * command, as SSH wants), files are streamed through {@code cat}, so the image needs neither
 * scp nor an SFTP server, only a POSIX shell.
 */
public final class SshConnection implements AutoCloseable {

    /** How long one connection attempt may take, banner to authenticated, before the next is tried. */
    private static final Duration ATTEMPT = Duration.ofSeconds(10);
    /**
     * A refused attempt ends at once (the guest's closed port 22 resets QEMU's forward), so a short
     * pause costs the guest only a TCP handshake, and SSH is found up within this of its start.
     */
    private static final Duration RETRY_PAUSE = Duration.ofMillis(50);
    /** Like the guest agent, keep at most this much of each output stream. */
    static final int OUTPUT_CAP = 256 << 10;
    private static final String TRUNCATION_NOTE = "kbench-ssh: output truncated\n";
    /** Linux's numbers for the signals SSH names (RFC 4254 names them without "SIG"). */
    private static final Map<Signal, Integer> SIGNAL_NUMBERS = Map.ofEntries(
            Map.entry(Signal.HUP, 1), Map.entry(Signal.INT, 2), Map.entry(Signal.QUIT, 3), Map.entry(Signal.ILL, 4),
            Map.entry(Signal.ABRT, 6), Map.entry(Signal.FPE, 8), Map.entry(Signal.KILL, 9), Map.entry(Signal.USR1, 10),
            Map.entry(Signal.SEGV, 11), Map.entry(Signal.USR2, 12), Map.entry(Signal.PIPE, 13), Map.entry(Signal.ALRM, 14),
            Map.entry(Signal.TERM, 15));

    private final SSHClient ssh;
    private final String where;
    /** Read a command's stdout and stderr while it runs: SSH stalls a channel whose data nobody reads. */
    private final ExecutorService readers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "kbench-ssh-reader");
        t.setDaemon(true);
        return t;
    });

    private SshConnection(SSHClient ssh, String where) {
        this.ssh = ssh;
        this.where = where;
    }

    /**
     * Connects as root to {@code host:port} with {@code key}, retrying while the guest boots, for
     * at most {@code within}. Stops at once when {@code peerAlive} turns false (QEMU ended) or
     * when a server refuses the key; otherwise the last attempt's error says why it gave up.
     */
    public static SshConnection await(String host, int port, Path key, Duration within, BooleanSupplier peerAlive)
            throws IOException {
        String where = "root@" + host + ":" + port;
        KeyProvider keys = loadKey(key);
        long deadline = System.nanoTime() + within.toNanos();
        IOException last = null;
        while (true) {
            if (!peerAlive.getAsBoolean()) {
                throw new SshException("the guest went away before SSH on " + where + " answered", false, last);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SshException("SSH on " + where + " did not come up within " + within.toSeconds() + " s"
                        + (last == null ? "" : " (last attempt: " + describe(last) + ")"), false, last);
            }
            SSHClient ssh = new SSHClient();
            // The guest is a throwaway VM whose host key changes with every image and is never
            // recorded anywhere: there is no known_hosts to check it against, and the port is on
            // loopback, forwarded by our own QEMU. Accepting any host key is the honest choice.
            ssh.addHostKeyVerifier(new PromiscuousVerifier());
            int attemptMillis = (int) Math.max(1, Math.min(ATTEMPT.toMillis(), left / 1_000_000));
            ssh.setConnectTimeout(attemptMillis);
            // a forwarded port accepts at once even while the guest cannot answer: bound the banner wait
            ssh.setTimeout(attemptMillis);
            ssh.getTransport().setTimeoutMs(attemptMillis);
            try {
                ssh.connect(host, port);
                ssh.authPublickey("root", keys);
                // from here on the connection may idle between runs: no read timeout
                ssh.getSocket().setSoTimeout(0);
                return new SshConnection(ssh, where);
            } catch (UserAuthException e) {
                closeQuietly(ssh);
                throw new SshException(where + " refused the key " + key + " (" + describe(e) + ")", true, e);
            } catch (IOException e) {
                closeQuietly(ssh);
                last = e;
            }
            sleep(RETRY_PAUSE);
        }
    }

    private static KeyProvider loadKey(Path key) throws IOException {
        if (!Files.isReadable(key)) {
            throw new SshException("SSH key " + key + " is missing or not readable", true, null);
        }
        try (SSHClient parser = new SSHClient()) {
            KeyProvider keys = parser.loadKeys(key.toString());
            keys.getPrivate(); // parse now: a bad file should fail before a VM boots, not at login
            return keys;
        } catch (IOException | RuntimeException e) {
            throw new SshException("cannot read the SSH key " + key + ": " + describe(e), true, e);
        }
    }

    /** Checks that {@code key} is a private key sshj can use, without connecting anywhere. */
    public static void checkKey(Path key) throws IOException {
        loadKey(key);
    }

    /**
     * Runs {@code command} through the guest's login shell, feeding it {@code stdin} (then EOF),
     * and reports it as the guest agent would. The wall time is host-side, from the exec
     * request to the exit status. At {@code killAfter} (zero: never) it is sent SIGKILL, and its
     * channel closed, and reported as timed out. Waits at most {@code replyTimeout} in all.
     */
    public RunResult exec(String command, byte[] stdin, Duration killAfter, Duration replyTimeout) throws IOException {
        try (Session session = ssh.startSession()) {
            long start = System.nanoTime();
            Session.Command cmd = session.exec(command);
            Future<byte[]> stderr = readers.submit(() -> readCapped(cmd.getErrorStream()));
            Future<byte[]> stdout = readers.submit(() -> readCapped(cmd.getInputStream()));
            try (OutputStream in = cmd.getOutputStream()) {
                in.write(stdin);
            }
            boolean killing = !killAfter.isZero() && killAfter.compareTo(replyTimeout) <= 0;
            long limitNanos = (killing ? killAfter : replyTimeout).toNanos();
            boolean timedOut = false;
            byte[] out;
            try {
                out = stdout.get(limitNanos, TimeUnit.NANOSECONDS);
                cmd.join(Math.max(1, limitNanos - (System.nanoTime() - start)), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | net.schmizz.sshj.connection.ConnectionException e) {
                if (!killing) {
                    throw new IOException("no exit status from '" + command + "' on " + where + " within " + replyTimeout.toMillis() + " ms", e);
                }
                timedOut = true;
                signalQuietly(cmd);
                out = new byte[0];
            }
            long wall = System.nanoTime() - start;
            Integer status = cmd.getExitStatus();
            Signal signal = cmd.getExitSignal();
            byte[] err = timedOut ? new byte[0] : stderr.get(5, TimeUnit.SECONDS);
            int signalNumber = signal == null ? 0 : SIGNAL_NUMBERS.getOrDefault(signal, -1);
            int exitStatus = status != null ? status : -1;
            if (status == null && signal == null && !timedOut) {
                throw new IOException("'" + command + "' on " + where + " ended without an exit status");
            }
            return new RunResult(exitStatus, signalNumber, wall, timedOut, text(out), text(err));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running a command over SSH", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("reading the output of '" + command + "' on " + where + ": " + describe(e), e);
        }
    }

    /** Runs {@code command} and fails unless it exits 0, quoting its stderr. */
    public void execChecked(String command, byte[] stdin, Duration timeout) throws IOException {
        RunResult result = exec(command, stdin, Duration.ZERO, timeout);
        if (!result.succeeded()) {
            throw new IOException("'" + command + "' on " + where + " " + result.describeEnd()
                    + (result.stderr().isBlank() ? "" : ": " + result.stderr().strip()));
        }
    }

    /** Writes {@code content} to {@code guestPath} with mode 0755, creating its folder. */
    public void upload(byte[] content, String guestPath, Duration timeout) throws IOException {
        execChecked(installCommand(guestPath), content, timeout);
    }

    /** The shell command that writes its stdin to {@code guestPath} as an executable, making its folder first. */
    static String installCommand(String guestPath) {
        String dir = guestPath.substring(0, Math.max(1, guestPath.lastIndexOf('/')));
        String quoted = ShellQuote.quote(guestPath);
        // to a temporary name, then renamed: a busy executable cannot be overwritten (ETXTBSY)
        return "mkdir -p " + ShellQuote.quote(dir) + " && cat > " + quoted + ".tmp && chmod 755 " + quoted + ".tmp && mv -f "
                + quoted + ".tmp " + quoted;
    }

    /**
     * Starts {@code command} and leaves it running on its own channel, for a server such as the
     * guest agent. Its stderr is collected for when it fails.
     */
    public RemoteProcess start(String command) throws IOException {
        return start(command, new byte[0]);
    }

    /** {@link #start(String)}, with {@code stdin} as the command's whole standard input. */
    public RemoteProcess start(String command, byte[] stdin) throws IOException {
        Session session = ssh.startSession();
        try {
            Session.Command cmd = session.exec(command);
            try (OutputStream in = cmd.getOutputStream()) {
                in.write(stdin);
            }
            RemoteProcess process = new RemoteProcess(session, cmd);
            readers.submit(() -> process.collect(cmd.getErrorStream()));
            readers.submit(() -> process.collect(cmd.getInputStream()));
            return process;
        } catch (IOException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    private static byte[] readCapped(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 << 10];
        boolean truncated = false;
        for (int n; (n = in.read(buffer)) > 0;) {
            int keep = Math.min(n, OUTPUT_CAP - out.size());
            out.write(buffer, 0, keep);
            truncated |= keep < n;
        }
        if (truncated) {
            out.writeBytes(("\n" + TRUNCATION_NOTE).getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    static void signalQuietly(Session.Command cmd) {
        try {
            if (cmd.isOpen()) {
                // servers may ignore signal requests (RFC 4254 makes them optional); closing follows
                cmd.signal(Signal.KILL);
            }
        } catch (IOException e) {
            // nothing more to do from here
        }
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.replace('\n', ' ');
    }

    private static void closeQuietly(SSHClient ssh) {
        try {
            ssh.close();
        } catch (IOException e) {
            // a half-open attempt: nothing to keep
        }
    }

    private static void sleep(Duration pause) throws IOException {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for SSH", e);
        }
    }

    /** Where this connection goes, e.g. {@code root@127.0.0.1:40123}. */
    public String where() {
        return where;
    }

    @Override
    public void close() {
        readers.shutdownNow();
        closeQuietly(ssh);
    }
}
