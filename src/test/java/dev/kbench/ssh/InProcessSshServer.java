package dev.kbench.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.Signal;
import org.apache.sshd.server.SignalListener;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.config.keys.AuthorizedKeysAuthenticator;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

/**
 * A real SSH server (Apache MINA SSHD) on 127.0.0.1 and a free port, with a host key generated
 * in memory and public-key authentication against an authorized_keys file. Each exec request
 * runs its command line through {@code /bin/sh -c} on this host, as a guest's sshd hands it
 * to the login shell, with the channel's data as the command's stdin, stdout and stderr.
 *
 * <p>Like OpenSSH it delivers a "signal" request to the command and its descendants, and like
 * OpenSSH without a pty it leaves a command running when only its channel is closed: so a
 * command that is gone after a timeout was ended by the client's signal, not by the close.
 * Whatever still runs when the server closes is killed then.
 */
final class InProcessSshServer implements AutoCloseable {

    private final SshServer sshd;
    private final List<Process> processes = new CopyOnWriteArrayList<>();
    private final List<String> signals = new CopyOnWriteArrayList<>();

    private InProcessSshServer(SshServer sshd) {
        this.sshd = sshd;
    }

    /** Starts a server that lets in whoever holds a key listed in {@code authorizedKeys}, under any user name. */
    static InProcessSshServer start(Path authorizedKeys) throws IOException {
        SshServer sshd = SshServer.setUpDefaultServer();
        InProcessSshServer server = new InProcessSshServer(sshd);
        sshd.setHost("127.0.0.1");
        sshd.setPort(0);
        sshd.setKeyPairProvider(new SimpleGeneratorHostKeyProvider()); // no path: generated, kept in memory
        sshd.setPublickeyAuthenticator(new AuthorizedKeysAuthenticator(authorizedKeys));
        sshd.setPasswordAuthenticator(null);
        sshd.setKeyboardInteractiveAuthenticator(null);
        sshd.setCommandFactory((channel, command) -> server.new ShellCommand(command));
        sshd.start();
        return server;
    }

    int port() {
        return sshd.getPort();
    }

    /** The names of the signals clients sent to commands, in order, e.g. {@code KILL}. */
    List<String> signalsReceived() {
        return List.copyOf(signals);
    }

    @Override
    public void close() throws IOException {
        try {
            sshd.stop(true);
        } finally {
            for (Process process : processes) {
                killTree(process);
            }
        }
    }

    private static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** One exec request: {@code /bin/sh -c command}, its streams copied to and from the channel. */
    private final class ShellCommand implements Command, SignalListener {
        private final String command;
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;
        private volatile Process process;

        ShellCommand(String command) {
            this.command = command;
        }

        @Override
        public void setInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
            this.err = err;
        }

        @Override
        public void setExitCallback(ExitCallback exit) {
            this.exit = exit;
        }

        @Override
        public void start(ChannelSession channel, Environment env) throws IOException {
            Process started = new ProcessBuilder("/bin/sh", "-c", command).start();
            process = started;
            processes.add(started);
            env.addSignalListener(this);
            daemon("stdin", () -> copy(in, started.getOutputStream(), true));
            List<Thread> outputs = new ArrayList<>();
            outputs.add(daemon("stdout", () -> copy(started.getInputStream(), out, false)));
            outputs.add(daemon("stderr", () -> copy(started.getErrorStream(), err, false)));
            daemon("wait", () -> {
                try {
                    int status = started.waitFor();
                    for (Thread output : outputs) {
                        output.join();
                    }
                    exit.onExit(status);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }

        @Override
        public void signal(Channel channel, Signal signal) {
            signals.add(signal.name());
            Process running = process;
            if (running != null && signal == Signal.KILL) {
                killTree(running);
            }
        }

        @Override
        public void destroy(ChannelSession channel) {
            // the channel closed: the command runs on, as under OpenSSH without a pty
        }

        private Thread daemon(String name, Runnable body) {
            Thread thread = new Thread(body, "test-sshd-" + name);
            thread.setDaemon(true);
            thread.start();
            return thread;
        }

        private void copy(InputStream from, OutputStream to, boolean closeAfter) {
            byte[] buffer = new byte[32 << 10];
            try {
                for (int n; (n = from.read(buffer)) >= 0;) {
                    to.write(buffer, 0, n);
                    to.flush();
                }
            } catch (IOException e) {
                // the process or the channel went away: nothing more to copy
            } finally {
                if (closeAfter) {
                    try {
                        to.close();
                    } catch (IOException e) {
                        // as above
                    }
                }
            }
        }
    }
}
