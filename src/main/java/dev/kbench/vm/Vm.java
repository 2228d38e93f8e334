package dev.kbench.vm;

import dev.kbench.count.CountLog;
import dev.kbench.guest.AgentClient;
import dev.kbench.io.UnixSocketStreams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One running {@code qemu-system-x86_64} with its guest agent ready. It owns the agent channel
 * and the {@link QemuProcess} (the process, its private 0700 folder with the sockets and logs);
 * closing it always stops QEMU. QEMU also dies with the JVM: on a normal exit or Ctrl-C through
 * a shutdown hook, on SIGKILL through its parent-death signal.
 */
public final class Vm implements AutoCloseable {

    private static final Duration POWER_OFF_GRACE = Duration.ofSeconds(5);
    /** How long each channel is listened to in turn while the guest boots: the resolution of the boot time. */
    private static final Duration READY_SLICE = Duration.ofMillis(2);
    /** A booting guest whose console and marker port say nothing for this long has hung: the boot fails then. */
    static final Duration CONSOLE_SILENCE = Duration.ofSeconds(60);

    private final VmSpec spec;
    private final QemuProcess qemu;
    private final QemuCommand.Files files;
    private final Process process;
    private final MarkerRecorder markers;
    private AgentClient agent;
    private String channel;
    private Duration bootDuration;
    /** From QEMU's start to the guest's first instruction: QEMU set itself up paused, then kbench continued it. */
    private Duration vmmStartup;
    private boolean closed;
    /** Whether the host was pinging the agent when the boot failed, for the failure's evidence. */
    private boolean pinging;

    private Vm(VmSpec spec, QemuProcess qemu) {
        this.spec = spec;
        this.qemu = qemu;
        this.files = qemu.files();
        this.process = qemu.process();
        this.markers = qemu.markers();
    }

    /**
     * Boots {@code spec}, whose accelerator must be concrete (AUTO is resolved by
     * {@link AccelChooser#resolve}), and returns once the guest agent answers, or throws a
     * {@link BootException} naming the cause.
     */
    public static Vm boot(VmSpec spec) throws IOException {
        Vm vm = launch(spec);
        try {
            vm.awaitAgent();
            return vm;
        } catch (IOException | RuntimeException e) {
            vm.close();
            throw e;
        }
    }

    /**
     * Starts QEMU and returns at once, without waiting for a guest agent: for guests whose init
     * is not the agent, such as the bare-boot baseline that only powers off.
     */
    public static Vm launch(VmSpec spec) throws IOException {
        Vm vm = new Vm(spec, QemuProcess.start(spec));
        try {
            // QEMU starts paused: continuing it over QMP times QEMU's own start-up
            vm.vmmStartup = vm.qemu.resume(vm::bootFailure);
            return vm;
        } catch (IOException | RuntimeException e) {
            vm.close();
            throw e;
        }
    }

    private void awaitAgent() throws IOException {
        long start = qemu.startNanos();
        long deadline = start + spec.bootTimeout().toNanos();
        awaitSockets();
        List<AgentClient> candidates = new ArrayList<>();
        try {
            candidates.add(AgentClient.over(UnixSocketStreams.connect(files.virtioAgent())));
            candidates.add(AgentClient.over(UnixSocketStreams.connect(files.serialAgent())));
            List<String> names = List.of("virtio", "serial", "console");
            pinging = true;
            ConsoleWatch watch = new ConsoleWatch(files.console(), CONSOLE_SILENCE, () -> markers.markers().size(),
                    spec.machine() == Machine.MICROVM && spec.acpi(), start);
            while (agent == null) {
                Optional<String> failed = watch.check(System.nanoTime());
                if (failed.isPresent()) {
                    throw bootFailure(failed.get());
                }
                if (!process.isAlive()) {
                    throw bootFailure(watch.atExit().orElse("QEMU exited with status " + process.exitValue() + " before the guest agent answered"));
                }
                if (System.nanoTime() > deadline) {
                    throw bootFailure(silentTimeout());
                }
                // a kernel with neither virtio console nor a second UART: the agent announces it takes the console over
                if (candidates.size() < names.size()) {
                    qemu.console().handedOver().ifPresent(stream -> candidates.add(stream.client()));
                }
                for (int i = 0; i < candidates.size() && agent == null; i++) {
                    if (candidates.get(i).answersWithin(READY_SLICE)) {
                        agent = candidates.get(i);
                        channel = names.get(i);
                    }
                }
            }
            bootDuration = Duration.ofNanos(System.nanoTime() - start);
        } catch (BootException e) {
            throw e;
        } catch (IOException e) {
            // a refused or reset channel almost always means QEMU is ending: say why it ended
            if (hasExited(Duration.ofSeconds(2))) {
                throw bootFailure("QEMU exited with status " + process.exitValue() + " before the guest agent answered");
            }
            throw bootFailure("the guest agent's channel failed: " + e.getMessage());
        } finally {
            for (AgentClient candidate : candidates) {
                if (candidate != agent) {
                    candidate.close();
                }
            }
        }
    }

    private void awaitSockets() throws IOException {
        long deadline = System.nanoTime() + QemuProcess.SOCKET_WAIT.toNanos();
        while (!(Files.exists(files.virtioAgent()) && Files.exists(files.serialAgent()) && Files.exists(files.qmp()))) {
            if (!process.isAlive()) {
                throw bootFailure("QEMU exited with status " + process.exitValue() + " at start-up");
            }
            if (System.nanoTime() > deadline) {
                throw bootFailure("QEMU created none of its sockets within " + QemuProcess.SOCKET_WAIT.toSeconds() + " s");
            }
            QemuProcess.sleep(QemuProcess.SOCKET_POLL);
        }
    }

    /**
     * Why the agent did not answer in time. A KVM guest that printed nothing at all, and whose
     * agent never started, is what nested virtualization that cannot run Linux looks like (its
     * vCPUs stall at once); a slow kernel under KVM still prints or starts something in that time.
     */
    private String silentTimeout() {
        long seconds = spec.bootTimeout().toSeconds();
        if (spec.accel() == Accel.KVM && ConsoleDiagnosis.read(files.console()).isBlank() && markers.markers().isEmpty()) {
            return "KVM guest printed nothing in " + seconds + " s: nested virtualization that cannot run it? (use --accel tcg)";
        }
        return "the guest agent did not answer within " + seconds + " s (raise the boot timeout if the kernel is just slow)";
    }

    private BootException bootFailure(String fallback) {
        // a guest that panics takes QEMU down a moment later: let it finish writing its logs
        try {
            if (process.waitFor(1, TimeUnit.SECONDS)) {
                qemu.console().awaitEnd(Duration.ofMillis(500)); // its last lines, on their way from QEMU
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String cause = ConsoleDiagnosis.cause(files.console(), files.qemuLog());
        String reason = cause.isEmpty() ? fallback : cause;
        Optional<BootEvidence> evidence = Optional.empty();
        if (spec.failureDir().isPresent()) {
            try {
                evidence = Optional.of(BootEvidence.keep(spec.failureDir().get(), spec.kernel().name(), files.console(),
                        FailureReport.of(spec, reason, sinceStart(), markers.markers(), pinging, process, files)));
            } catch (IOException e) {
                reason += " (its evidence could not be kept in " + spec.failureDir().get() + ": " + e.getMessage() + ")";
            }
        }
        return new BootException(spec.kernel().name(), reason, ConsoleDiagnosis.tail(files.console()), evidence);
    }

    public AgentClient agent() {
        return agent;
    }

    public Accel accel() {
        return spec.accel();
    }

    /**
     * The channel the agent answered on: {@code virtio}, or {@code serial} for kernels without virtio,
     * or {@code console} for kernels with one UART too (the console is the channel then).
     */
    public String channel() {
        return channel;
    }

    public VmSpec spec() {
        return spec;
    }

    /**
     * The bytes the guest wrote to I/O port 0xf4 so far, stamped in nanoseconds since QEMU's
     * start: kbench's agent writes {@link Marker#INIT_START} and {@link Marker#AGENT_READY}, a
     * kernel patched as in the (FG)KASLR suite writes its boot steps.
     */
    public List<Marker> markers() {
        return markers.markers();
    }

    /**
     * The markers once the agent's ready marker is in (or {@code wait} has passed): what a boot
     * measurement should read, since the marker and the agent's answer travel separately.
     */
    public List<Marker> markersOnceReady(Duration wait) {
        try {
            markers.awaitMarker(Marker.AGENT_READY, wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return markers.markers();
    }

    /**
     * What kbench's TCG plugin has counted so far (it writes each record the moment it happens):
     * the instruction stamps of the markers and of the agent's windows. Only for a VM booted with
     * {@link VmSpec.Builder#counting}.
     */
    public CountLog counts() throws IOException {
        if (spec.counting().isEmpty()) {
            throw new IllegalStateException("kernel " + spec.kernel().name() + " was booted without counting instructions");
        }
        return CountLog.read(files.counts());
    }

    /** Time since kbench started QEMU: the host's clock for everything the markers say. */
    public Duration sinceStart() {
        return Duration.ofNanos(System.nanoTime() - qemu.startNanos());
    }

    /** From QEMU's start to the guest's first instruction: QEMU's own start-up, paused, until kbench continued it. */
    public Duration vmmStartup() {
        return vmmStartup;
    }

    /** From QEMU's start to the agent's first answer. */
    public Duration bootDuration() {
        return bootDuration;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits up to {@code wait} for QEMU to end; true if it has. A dead channel usually means it is ending. */
    public boolean hasExited(Duration wait) {
        return qemu.hasExited(wait);
    }

    public long pid() {
        return process.pid();
    }

    /** The loopback port forwarded to the guest's SSH port (22) of a disk-image boot; 0 without a disk image. */
    public int sshPort() {
        return qemu.sshPort();
    }

    /** The host end of the virtio-serial port {@code kbench.agent}, for an agent started after boot (over SSH). */
    public Path agentSocket() {
        return files.virtioAgent();
    }

    /** QEMU's QMP socket, for queries such as its vCPU thread ids. */
    public Path qmpSocket() {
        return files.qmp();
    }

    /** The console and QEMU log: for a failure that happens after boot (a workload that hangs the guest). */
    public String consoleTail() {
        return ConsoleDiagnosis.tail(files.console());
    }

    /** Whether QEMU exited because the SSH port it was given was taken in the meantime: launching again helps. */
    public boolean hostPortTaken() {
        return hasExited(Duration.ZERO) && ConsoleDiagnosis.hostPortTaken(files.qemuLog());
    }

    /** The whole console so far (the guest's serial console at the kernel's console log level). */
    public String consoleText() {
        return ConsoleDiagnosis.read(files.console());
    }

    public String consoleDiagnosis() {
        return ConsoleDiagnosis.cause(files.console(), files.qemuLog());
    }

    /**
     * Stops QEMU at once and reaps it, however it got here. Nothing in the guest needs saving
     * (an initramfs, or a disk image behind {@code snapshot=on}) except a persistent disk, whose
     * guest first syncs and powers off through the agent when there is one (an image reached over
     * SSH syncs before this); no guest operating system is waited for to shut down.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            // only a persistent disk has anything to save; without ACPI the guest could not power off anyway (its kernel halts)
            if (agent != null && process.isAlive() && spec.disk().map(DiskImage::persistent).orElse(false) && spec.acpi()) {
                try {
                    agent.powerOff(POWER_OFF_GRACE);
                    qemu.hasExited(POWER_OFF_GRACE);
                } catch (IOException | RuntimeException e) {
                    // the guest is beyond asking; it is killed below
                }
            }
            if (agent != null) {
                agent.close();
            }
        } catch (IOException e) {
            // closing a socket of a dead QEMU: nothing to do
        } finally {
            qemu.close();
        }
    }
}
