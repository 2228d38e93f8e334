package dev.kbench.ssh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.connection.channel.direct.Session;

/** A command left running on an SSH channel. Closing the channel does not always end it. */
public final class RemoteProcess implements AutoCloseable {
    private final Session session;
    private final Session.Command cmd;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    RemoteProcess(Session session, Session.Command cmd) {
        this.session = session;
        this.cmd = cmd;
    }

    Void collect(InputStream in) throws IOException {
        byte[] buffer = new byte[4096];
        for (int n; (n = in.read(buffer)) > 0;) {
            synchronized (output) {
                if (output.size() < SshConnection.OUTPUT_CAP) {
                    output.write(buffer, 0, n);
                }
            }
        }
        return null;
    }

    /** False once the command has exited (its exit status or signal arrived). */
    public boolean isRunning() {
        return cmd.isOpen() && cmd.getExitStatus() == null && cmd.getExitSignal() == null;
    }

    /**
     * Its exit status once it has exited, waiting up to {@code wait} for the channel to close
     * (the status comes before that); null for a command killed by a signal, or still running.
     */
    public Integer exitStatus(Duration wait) {
        try {
            cmd.join(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (net.schmizz.sshj.connection.ConnectionException e) {
            // still open after the wait, or the connection broke: whatever status arrived stands
        }
        return cmd.getExitStatus();
    }

    /** What it wrote to stdout and stderr so far, merged. */
    public String output() {
        synchronized (output) {
            return output.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        SshConnection.signalQuietly(cmd);
        try {
            session.close();
        } catch (IOException e) {
            // the connection is going away anyway
        }
    }
}
