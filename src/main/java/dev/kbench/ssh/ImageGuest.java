package dev.kbench.ssh;

import dev.kbench.KbenchException;
import dev.kbench.ShellQuote;
import dev.kbench.guest.GuestBinaries;
import dev.kbench.guest.RunRequest;
import dev.kbench.guest.RunResult;
import dev.kbench.guest.Transport;
import dev.kbench.guest.Workload;
import dev.kbench.plan.Guest;
import dev.kbench.vm.Vm;
import dev.kbench.vm.VmSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A kernel booted with a user's disk image, lsm-perf's way: the image's own init starts its
 * services, kbench logs in as root with a key over SSH on a forwarded loopback port, copies
 * programs in and runs them, through kbench's agent ({@link AgentOverSsh}) or by SSH exec
 * ({@link SshExecGuest}) when the agent cannot serve there; either way the caller gets a
 * {@link RunResult}. Closing it stops QEMU. The VM itself is planned by {@code BootPlan}.
 *
 * <pre>{@code
 * VmSpec spec = BootPlan.builder(settings, "default").diskImage(DiskImage.of(Path.of("debian.img"))).prepare().spec();
 * try (ImageGuest guest = ImageGuest.builder(spec).key(Path.of("id_rsa")).boot()) {
 *     String eventfd = guest.installWorkload("eventfd");
 *     RunResult result = guest.run(RunRequest.of(eventfd).pinnedTo(0), Duration.ofMinutes(5));
 * }
 * }</pre>
 */
public abstract sealed class ImageGuest implements Guest permits AgentOverSsh, SshExecGuest {

    /** How long one copy into the guest may take, over SSH or through the agent. */
    static final Duration COPY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(20);

    /** What every image guest has: its VM, root's SSH connection, and where programs go. */
    record Login(Vm vm, SshConnection ssh, String guestDir, Duration sshReady) {
    }

    private final Login login;
    private boolean closed;

    ImageGuest(Login login) {
        this.login = login;
    }

    /** Boots {@code spec}, which names the disk image, once {@link Builder#boot()} is called. */
    public static Builder builder(VmSpec spec) {
        if (spec.disk().isEmpty()) {
            throw new IllegalArgumentException("an image guest boots a disk image: plan the VM with BootPlan.Builder.diskImage");
        }
        return new Builder(spec);
    }

    public static final class Builder {
        private final VmSpec spec;
        private Path key;
        private Transport transport = Transport.AGENT;
        private String guestDir = "/tmp/kbench";
        private PrintStream log = System.out;

        private Builder(VmSpec spec) {
            this.spec = spec;
            this.key = Path.of(System.getProperty("user.home"), ".ssh", "id_rsa");
        }

        /** The private key root logs in with; {@code ~/.ssh/id_rsa} by default, as lsm-perf's {@code --key}. */
        public Builder key(Path privateKey) {
            this.key = privateKey;
            return this;
        }

        /** {@link Transport#AGENT} (the default, falling back to SSH exec) or {@link Transport#SSH} only. */
        public Builder transport(Transport preferred) {
            this.transport = preferred;
            return this;
        }

        /** The guest folder programs are copied to; {@code /tmp/kbench} by default. */
        public Builder guestDir(String dir) {
            this.guestDir = dir.endsWith("/") ? dir.substring(0, dir.length() - 1) : dir;
            return this;
        }

        public Builder log(PrintStream out) {
            this.log = out;
            return this;
        }

        /**
         * Boots and returns once root is logged in over SSH and the transport is chosen. Fails
         * before QEMU starts for a bad key, and otherwise within the spec's boot timeout, with
         * QEMU stopped.
         */
        public ImageGuest boot() throws IOException {
            SshConnection.checkKey(key);
            ImageLaunch.Connected connected = ImageLaunch.connect(spec, key);
            Login login = new Login(connected.vm(), connected.ssh(), guestDir, connected.sshReady());
            ImageGuest guest;
            try {
                guest = transport == Transport.AGENT ? AgentOverSsh.start(login, log) : new SshExecGuest(login, "");
            } catch (IOException | RuntimeException e) {
                connected.ssh().close();
                connected.vm().close();
                throw e;
            }
            log.println("kbench: " + spec.kernel().name() + " booted " + spec.disk().get().path().getFileName() + "; SSH up after "
                    + login.sshReady().toMillis() + " ms (" + spec.accel().qemuName() + ", runs via " + guest.transport() + ")");
            return guest;
        }
    }

    @Override
    public String install(Workload workload) throws IOException {
        return workload instanceof Workload.Program program ? install(program.path()) : installWorkload(workload.id());
    }

    /** Copies a program of the user's into the guest folder and returns its path in the guest. */
    public String install(Path program) throws IOException {
        if (!Files.isRegularFile(program)) {
            throw new KbenchException(KbenchException.Kind.BAD_INPUT, "workload not found: " + program);
        }
        return install(program.getFileName().toString(), Files.readAllBytes(program));
    }

    /** Copies one of kbench's built-in workloads (e.g. {@code eventfd}) in and returns its path in the guest. */
    public String installWorkload(String name) throws IOException {
        return install(name, GuestBinaries.workload(name));
    }

    String install(String name, byte[] content) throws IOException {
        String path = login.guestDir() + "/" + name;
        login.ssh().upload(content, path, COPY_TIMEOUT);
        return path;
    }

    /** Runs over SSH exec even when the agent serves: for comparing the two. */
    public RunResult runOverSsh(RunRequest request, Duration replyTimeout) throws IOException {
        List<String> argv = new ArrayList<>();
        if (request.cpu() >= 0) {
            argv.addAll(List.of("taskset", "-c", Integer.toString(request.cpu())));
        }
        argv.addAll(request.argv());
        // exec: the program replaces the shell, so its own exit status or signal is what SSH reports
        return login.ssh().exec("exec " + ShellQuote.join(argv), new byte[0], request.timeout(), replyTimeout);
    }

    /** Why the agent is not serving, when runs fell back to SSH exec; empty otherwise. */
    public abstract String agentProblem();

    @Override
    public Vm vm() {
        return login.vm();
    }

    /** The connection as root, for commands of the caller's own. */
    public SshConnection ssh() {
        return login.ssh();
    }

    /** From QEMU's start until root was logged in. */
    @Override
    public Duration ready() {
        return login.sshReady();
    }

    String guestDir() {
        return login.guestDir();
    }

    /** Releases the host's end of what ran workloads in the guest, once QEMU is gone. */
    abstract void stopTransport();

    /**
     * Stops QEMU at once (with a persistent image the guest syncs its disks first), then lets go
     * of the channels into it: asked to end while the guest still runs, an SSH session waits for
     * the server to close it (30 s for the agent's, which runs until killed); with QEMU gone
     * they end at once.
     */
    @Override
    public final synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Vm vm = login.vm();
        if (vm.spec().disk().get().persistent() && vm.isAlive()) {
            try {
                login.ssh().execChecked("sync", new byte[0], SYNC_TIMEOUT);
            } catch (IOException e) {
                // a guest that cannot sync now would not later either
            }
        }
        vm.close();
        stopTransport();
        login.ssh().close();
    }
}
