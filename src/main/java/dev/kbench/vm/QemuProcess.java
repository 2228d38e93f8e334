package dev.kbench.vm;

import dev.kbench.FileTrees;
import dev.kbench.KbenchException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.zeroturnaround.exec.ProcessExecutor;

/**
 * One {@code qemu-system-x86_64} process and what kbench keeps beside it while it runs: a
 * private 0700 folder with its sockets and logs, the thread that forked it, the recorders of its
 * marker port and console, and the shutdown hook that kills it with the JVM. {@link #start}
 * takes them in turn and gives back what it took if a step fails; {@link #close} kills QEMU and
 * gives them all back. What runs in the guest is {@link Vm}'s.
 */
final class QemuProcess implements AutoCloseable {

    /** How long a killed QEMU is waited for, to reap it. */
    private static final Duration REAP_WAIT = Duration.ofSeconds(5);
    static final Duration SOCKET_WAIT = Duration.ofSeconds(30);
    /** QEMU's sockets appear within milliseconds of its start: a coarser poll would delay every boot. */
    static final Duration SOCKET_POLL = Duration.ofMillis(1);

    private final Path dir;
    private final QemuCommand.Files files;
    /** The loopback port forwarded to the guest's SSH port (22) of a disk-image boot; 0 without a disk image. */
    private final int sshPort;
    private final ExecutorService launcher;
    private MarkerRecorder markers;
    private ConsoleRecorder console;
    private Process process;
    private Thread shutdownHook;
    /** {@link System#nanoTime()} just before QEMU was started: time zero of the boot. */
    private long startNanos;

    private QemuProcess(Path dir, int sshPort) {
        this.dir = dir;
        this.files = QemuCommand.Files.in(dir);
        this.sshPort = sshPort;
        // Linux sends the parent-death signal when the *thread* that forked QEMU ends, so QEMU is
        // forked from a thread that lives exactly as long as this process
        this.launcher = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "kbench-qemu-launcher");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * QEMU started for {@code spec}, whose accelerator must be concrete (AUTO is resolved by
     * {@link AccelChooser#resolve}): paused ({@code -S}), its console and marker port recorded.
     */
    static QemuProcess start(VmSpec spec) throws IOException {
        if (spec.accel() == Accel.AUTO) {
            throw new IllegalArgumentException("choose the accelerator first (AccelChooser)");
        }
        if (spec.accel() == Accel.KVM) {
            AccelChooser.requireKvmDevice();
        }
        int sshPort = spec.disk().isPresent() ? freeLoopbackPort() : 0;
        Path dir = Files.createTempDirectory("kbench-vm-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        QemuProcess qemu = new QemuProcess(dir, sshPort);
        boolean started = false;
        try {
            qemu.launch(spec, QemuSandbox.apply(spec.qemuBinary(), QemuCommand.build(spec, spec.accel(), qemu.files, sshPort)));
            started = true;
            return qemu;
        } finally {
            if (!started) {
                qemu.close();
            }
        }
    }

    private void launch(VmSpec spec, List<String> command) throws IOException {
        markers = MarkerRecorder.listen(files.markers());
        console = ConsoleRecorder.listen(files.consoleSocket(), files.console(), ConsoleRecorder.DEFAULT_CAP);
        console.start();
        try {
            process = launcher.submit(() -> fork(command, files.qemuLog())).get();
        } catch (ExecutionException e) {
            throw new KbenchException(KbenchException.Kind.INFRASTRUCTURE, "cannot start " + spec.qemuBinary()
                    + " (is QEMU installed? apt-get install qemu-system-x86): " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KbenchException(KbenchException.Kind.INFRASTRUCTURE, "interrupted while starting QEMU", e);
        }
        markers.start(startNanos);
        shutdownHook = new Thread(process::destroyForcibly, "kbench-qemu-reaper");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    private Process fork(List<String> command, Path log) throws IOException {
        OutputStream out = Files.newOutputStream(log);
        startNanos = System.nanoTime();
        return new ProcessExecutor(command).redirectOutput(out).redirectError(out).start().getProcess();
    }

    /**
     * Continues the guest QEMU started paused as soon as QEMU's monitor answers, and returns how
     * long QEMU took to set itself up; a QEMU that ends or stays silent first is {@code failure}'s.
     */
    Duration resume(Function<String, ? extends IOException> failure) throws IOException {
        try (QmpClient qmp = monitorOnceUp(failure)) {
            // stamped before the command is sent: the guest can run (and write markers, stamped
            // as they arrive) before QEMU's reply is back, never before the command left
            long resuming = System.nanoTime();
            qmp.execute("cont");
            return Duration.ofNanos(resuming - startNanos);
        }
    }

    private QmpClient monitorOnceUp(Function<String, ? extends IOException> failure) throws IOException {
        long deadline = System.nanoTime() + SOCKET_WAIT.toNanos();
        while (true) {
            try {
                return QmpClient.connect(files.qmp());
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw failure.apply("QEMU exited with status " + process.exitValue() + " at start-up");
                }
                if (System.nanoTime() > deadline) {
                    throw failure.apply("QEMU's monitor did not answer within " + SOCKET_WAIT.toSeconds() + " s of its start");
                }
                sleep(SOCKET_POLL);
            }
        }
    }

    /**
     * A loopback port nobody listens on now, picked per launch so two VMs never share one. Another
     * process may still take it before QEMU binds it; QEMU then exits saying so, and the caller
     * can launch again.
     */
    private static int freeLoopbackPort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    int sshPort() {
        return sshPort;
    }

    QemuCommand.Files files() {
        return files;
    }

    Process process() {
        return process;
    }

    MarkerRecorder markers() {
        return markers;
    }

    ConsoleRecorder console() {
        return console;
    }

    long startNanos() {
        return startNanos;
    }

    /** Waits up to {@code wait} for QEMU to end; true if it has. */
    boolean hasExited(Duration wait) {
        try {
            return process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    static void sleep(Duration duration) throws IOException {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KbenchException(KbenchException.Kind.INFRASTRUCTURE, "interrupted while waiting for the guest", e);
        }
    }

    /** Kills QEMU, reaps it and gives back whatever {@link #start} took, each apart so that one failing leaves the others done. */
    @Override
    public void close() {
        if (process != null) {
            process.destroyForcibly();
            hasExited(REAP_WAIT);
        }
        launcher.shutdownNow();
        try {
            if (markers != null) {
                markers.close();
            }
        } catch (IOException e) {
            // its socket is in the folder deleted below
        }
        try {
            if (console != null) {
                console.close();
            }
        } catch (IOException e) {
            // likewise
        }
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook runs anyway
            }
        }
        try {
            FileTrees.delete(dir);
        } catch (IOException e) {
            // a leftover private temp folder is harmless
        }
    }
}
