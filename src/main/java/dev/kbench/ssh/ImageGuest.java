package dev.kbench.ssh;

import dev.kbench.CacheDirectory;
import dev.kbench.guest.AgentClient;
import dev.kbench.guest.Transport;
import dev.kbench.guest.GuestBinaries;
import dev.kbench.guest.GuestImage;
import dev.kbench.guest.KernelDrivers;
import dev.kbench.guest.RunRequest;
import dev.kbench.guest.RunResult;
import dev.kbench.io.UnixSocketStreams;
import dev.kbench.kernel.Kernel;
import dev.kbench.vm.Accel;
import dev.kbench.vm.AccelChooser;
import dev.kbench.vm.BootException;
import dev.kbench.vm.DiskImage;
import dev.kbench.vm.DiskModel;
import dev.kbench.vm.NetModel;
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
 * programs in and runs them. Runs go through kbench's guest agent, copied in and started over
 * SSH on the VM's virtio-serial port, or through plain SSH exec when the agent cannot serve
 * there; either way the caller gets a {@link RunResult}. Closing it stops QEMU.
 *
 * <pre>{@code
 * try (ImageGuest guest = ImageGuest.builder(cache, kernel, Path.of("debian.img")).key(Path.of("id_rsa")).boot()) {
 *     String eventfd = guest.installWorkload("eventfd");
 *     RunResult result = guest.run(RunRequest.of(eventfd).pinnedTo(0), Duration.ofMinutes(5));
 * }
 * }</pre>
 */
public final class ImageGuest implements AutoCloseable {

    static final String LOOPBACK = "127.0.0.1";
    /** The image's random source for sshd and friends; loaded when the kernel has it as a module. */
    static final List<String> RNG_MODULES = List.of("virtio_rng");
    private static final Duration COPY_TIMEOUT = Duration.ofSeconds(60);
    /** The agent waits up to 5 s for its port; beyond that it is not coming. */
    private static final Duration AGENT_START = Duration.ofSeconds(15);
    private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(20);
    private static final int PORT_ATTEMPTS = 3;

    private final Kernel kernel;
    private final Vm vm;
    private final SshConnection ssh;
    private final String guestDir;
    private final Duration sshReady;
    private final boolean persistent;
    private SshConnection.RemoteProcess agentProcess;
    private AgentClient agent;
    private String agentProblem = "";
    private boolean closed;

    private ImageGuest(Kernel kernel, Vm vm, SshConnection ssh, String guestDir, Duration sshReady, boolean persistent) {
        this.kernel = kernel;
        this.vm = vm;
        this.ssh = ssh;
        this.guestDir = guestDir;
        this.sshReady = sshReady;
        this.persistent = persistent;
    }

    /**
     * Boots {@code kernel} with the disk image at {@code image}, once {@link Builder#boot()} is
     * called; the initramfs and the accelerator's verdict are cached in {@code cache}.
     */
    public static Builder builder(CacheDirectory cache, Kernel kernel, Path image) {
        return new Builder(cache, kernel, image);
    }

    public static final class Builder {
        private final Kernel kernel;
        private final Path image;
        private Path key = Path.of(System.getProperty("user.home"), ".ssh", "id_rsa");
        private Accel accel = Accel.AUTO;
        private int memoryMib = 4096;
        private int cpus = 2;
        private DiskModel disk = DiskModel.VIRTIO_SCSI;
        private NetModel net = NetModel.E1000;
        private boolean persistent;
        private Boolean initrd;
        private final CacheDirectory cache;
        private Duration sshTimeout = Duration.ofSeconds(120);
        private Transport transport = Transport.AGENT;
        private String guestDir = "/tmp/kbench";
        private String qemuBinary = "qemu-system-x86_64";
        private PrintStream log = System.out;

        private Builder(CacheDirectory cache, Kernel kernel, Path image) {
            this.cache = cache;
            this.kernel = kernel;
            this.image = image;
        }

        /** The private key root logs in with; {@code ~/.ssh/id_rsa} by default, as lsm-perf's {@code --key}. */
        public Builder key(Path privateKey) {
            this.key = privateKey;
            return this;
        }

        /**
         * {@code auto} (the default) is resolved as for initramfs guests, by AccelChooser's cached
         * verdict or a probe boot of this kernel with kbench's own initramfs: a probe of the disk
         * image could not tell a slow image from a KVM that cannot run the kernel.
         */
        public Builder accel(Accel value) {
            this.accel = value;
            return this;
        }

        /** 4096 MiB by default, lsm-perf's machine. */
        public Builder memoryMib(int mib) {
            this.memoryMib = mib;
            return this;
        }

        /** 2 by default, lsm-perf's machine. */
        public Builder cpus(int count) {
            this.cpus = count;
            return this;
        }

        /** virtio-scsi by default ({@code root=/dev/sda}). */
        public Builder disk(DiskModel model) {
            this.disk = model;
            return this;
        }

        /** e1000 by default, as lsm-perf; Debian's cloud kernel needs virtio-net. */
        public Builder net(NetModel model) {
            this.net = model;
            return this;
        }

        /** Keep the guest's writes in the image file; by default they go to a throwaway overlay. */
        public Builder persistent(boolean keepWrites) {
            this.persistent = keepWrites;
            return this;
        }

        /**
         * Boot through kbench's initramfs, which loads the kernel's disk and network modules and
         * switches to the image's root as a distribution's initrd does. By default only when the
         * kernel comes with a modules tree (a packaged kernel); a bzImage of its own boots the
         * image directly, as in lsm-perf.
         */
        public Builder initrd(boolean useInitramfs) {
            this.initrd = useInitramfs;
            return this;
        }

        /** How long the image may take from QEMU's start until root can log in over SSH (120 s by default). */
        public Builder sshTimeout(Duration timeout) {
            this.sshTimeout = timeout;
            return this;
        }

        /** {@link Transport#AGENT_OVER_SSH} (the default, falling back to SSH exec) or {@link Transport#SSH_EXEC} only. */
        public Builder transport(Transport preferred) {
            this.transport = preferred;
            return this;
        }

        /** The guest folder programs are copied to; {@code /tmp/kbench} by default. */
        public Builder guestDir(String dir) {
            this.guestDir = dir.endsWith("/") ? dir.substring(0, dir.length() - 1) : dir;
            return this;
        }

        public Builder qemuBinary(String binary) {
            this.qemuBinary = binary;
            return this;
        }

        public Builder log(PrintStream out) {
            this.log = out;
            return this;
        }

        /**
         * Boots and returns once root is logged in over SSH and the transport is chosen. Fails
         * before QEMU starts for a bad key or a kernel without the disk or network driver, and
         * otherwise within the SSH timeout, with QEMU stopped.
         */
        public ImageGuest boot() throws IOException {
            SshConnection.checkKey(key);
            DiskImage diskImage = DiskImage.of(image).disk(disk).net(net).persistent(persistent);
            List<String> drivers = new ArrayList<>(disk.modules());
            drivers.addAll(net.modules());
            requireDrivers(drivers);
            boolean useInitrd = initrd != null ? initrd : kernel.modules().isPresent();
            Path initramfsCache = cache.folder("initramfs");
            Path initramfs = null;
            if (useInitrd) {
                drivers.addAll(RNG_MODULES);
                initramfs = new GuestImage(initramfsCache).modules(drivers).buildFor(kernel);
            }
            Accel chosen = accel;
            if (accel == Accel.AUTO) {
                VmSpec probe = VmSpec.builder(kernel, new GuestImage(initramfsCache).buildFor(kernel)).qemuBinary(qemuBinary).build();
                chosen = new AccelChooser(cache.root().resolve("accel.properties"), log).resolve(probe).accel();
            }
            VmSpec spec = VmSpec.builder(kernel, initramfs, diskImage).memoryMib(memoryMib).cpus(cpus).accel(chosen)
                    .bootTimeout(sshTimeout).qemuBinary(qemuBinary).build();
            ImageGuest guest = connect(spec);
            try {
                if (transport == Transport.AGENT) {
                    guest.startAgent(log);
                }
                log.println("kbench: " + kernel.name() + " booted " + image.getFileName() + "; SSH up after "
                        + guest.sshReady.toMillis() + " ms (" + chosen.qemuName() + ", runs via " + guest.transport() + ")");
                return guest;
            } catch (IOException | RuntimeException e) {
                guest.close();
                throw e;
            }
        }

        private void requireDrivers(List<String> drivers) throws IOException {
            if (kernel.modules().isEmpty()) {
                return; // a kernel of its own: nothing to read its drivers from
            }
            List<String> missing = KernelDrivers.missing(kernel.modules().get(), drivers);
            if (missing.isEmpty()) {
                return;
            }
            String advice = net.modules().containsAll(missing) ? "choose another network model, e.g. virtio-net"
                    : "choose another disk model, e.g. nvme or virtio-blk";
            throw new IOException("kernel " + kernel.name() + " has no " + String.join(", ", missing)
                    + " driver (neither built in nor a module in " + kernel.modules().get() + "): " + advice);
        }

        /** Launches QEMU and logs in; a port taken between picking and binding it means one more launch. */
        private ImageGuest connect(VmSpec spec) throws IOException {
            for (int attempt = 1; ; attempt++) {
                long start = System.nanoTime();
                Vm vm = Vm.launch(spec);
                try {
                    SshConnection ssh = SshConnection.await(LOOPBACK, vm.sshPort(), key, sshTimeout, vm::isAlive);
                    return new ImageGuest(kernel, vm, ssh, guestDir, Duration.ofNanos(System.nanoTime() - start), persistent);
                } catch (SshException e) {
                    IOException failure = describe(vm, e);
                    vm.close();
                    boolean portTaken = failure.getMessage().contains("host forwarding");
                    if (!portTaken || attempt == PORT_ATTEMPTS) {
                        throw failure;
                    }
                } catch (IOException | RuntimeException e) {
                    vm.close();
                    throw e;
                }
            }
        }

        /** One line naming the kernel and the cause; the console's tail when the guest never answered. */
        private IOException describe(Vm vm, SshException e) {
            if (e.isAuthentication()) {
                return new SshException("kernel " + kernel.name() + ": " + e.getMessage(), true, e);
            }
            String cause;
            if (vm.hasExited(Duration.ofSeconds(1))) {
                String diagnosis = initrdFailure(vm.consoleTail());
                cause = "QEMU exited before SSH came up" + (diagnosis.isEmpty() ? "" : ": " + diagnosis)
                        + (vm.consoleDiagnosis().isEmpty() ? "" : ": " + vm.consoleDiagnosis());
            } else {
                cause = e.getMessage() + " (raise the SSH timeout if the image is just slow)";
            }
            return new BootException(kernel.name(), cause, vm.consoleTail());
        }
    }

    /** The line kbench's initramfs prints when it cannot mount the image, if the console has one. */
    static String initrdFailure(String consoleTail) {
        String found = "";
        for (String line : consoleTail.split("\n")) {
            int at = line.indexOf("kbench-agent: initrd: ");
            int end = line.lastIndexOf("; powering off");
            if (at >= 0 && end > at) {
                found = line.substring(at + "kbench-agent: ".length(), end).strip();
            }
        }
        return found;
    }

    /** Copies the agent in and starts it on the virtio-serial port; on failure, says why and keeps to SSH exec. */
    private void startAgent(PrintStream log) throws IOException {
        String agentPath = guestDir + "/kbench-agent";
        ssh.upload(GuestBinaries.agent(), agentPath, COPY_TIMEOUT);
        agentProcess = ssh.start("exec " + ShellQuote.quote(agentPath) + " --serve");
        AgentClient client = AgentClient.over(UnixSocketStreams.connect(vm.agentSocket()));
        long deadline = System.nanoTime() + AGENT_START.toNanos();
        try {
            while (System.nanoTime() < deadline && agentProcess.isRunning()) {
                if (client.answersWithin(Duration.ofMillis(20))) {
                    agent = client;
                    return;
                }
            }
        } catch (IOException e) {
            agentProblem = e.getMessage();
        }
        client.close();
        String output = agentProcess.output().strip();
        agentProcess.close();
        agentProcess = null;
        if (!output.isEmpty()) {
            agentProblem = output.lines().reduce((first, second) -> second).orElse(output);
        } else if (agentProblem.isEmpty()) {
            agentProblem = "it did not answer within " + AGENT_START.toSeconds() + " s";
        }
        log.println("kbench: the guest agent cannot serve in this image (" + agentProblem + "); running workloads over ssh exec");
    }

    /** Copies a program of the user's into the guest folder and returns its path in the guest. */
    public String install(Path program) throws IOException {
        if (!Files.isRegularFile(program)) {
            throw new IOException("workload not found: " + program);
        }
        return install(program.getFileName().toString(), Files.readAllBytes(program));
    }

    /** Copies one of kbench's built-in workloads (e.g. {@code eventfd}) in and returns its path in the guest. */
    public String installWorkload(String name) throws IOException {
        return install(name, GuestBinaries.workload(name));
    }

    private String install(String name, byte[] content) throws IOException {
        String path = guestDir + "/" + name;
        ssh.upload(content, path, COPY_TIMEOUT);
        return path;
    }

    /**
     * Runs a program already in the guest. Through the agent the wall time is the guest's (fork to
     * exit); over SSH exec it is host-side (exec request to exit status), and pinning uses the
     * image's {@code taskset}.
     */
    public RunResult run(RunRequest request, Duration replyTimeout) throws IOException {
        if (agent != null) {
            return agent.run(request, replyTimeout);
        }
        return runOverSsh(request, replyTimeout);
    }

    /** Runs over SSH exec even when the agent serves: for comparing the two. */
    public RunResult runOverSsh(RunRequest request, Duration replyTimeout) throws IOException {
        List<String> argv = new ArrayList<>();
        if (request.cpu() >= 0) {
            argv.addAll(List.of("taskset", "-c", Integer.toString(request.cpu())));
        }
        argv.addAll(request.argv());
        // exec: the program replaces the shell, so its own exit status or signal is what SSH reports
        return ssh.exec("exec " + ShellQuote.join(argv), new byte[0], request.timeout(), replyTimeout);
    }

    /** {@code agent over ssh} or {@code ssh exec}. */
    public String transport() {
        return (agent != null ? Transport.AGENT : Transport.SSH).toString();
    }

    /** Why the agent is not serving, when {@link #transport()} fell back to SSH exec; empty otherwise. */
    public String agentProblem() {
        return agentProblem;
    }

    public Vm vm() {
        return vm;
    }

    public Kernel kernel() {
        return kernel;
    }

    /** The connection as root, for commands of the caller's own. */
    public SshConnection ssh() {
        return ssh;
    }

    /** From QEMU's start until root was logged in. */
    public Duration sshReady() {
        return sshReady;
    }

    /** Stops QEMU; with a persistent image the guest syncs its disks first. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (agent != null) {
                agent.close();
            }
        } catch (IOException e) {
            // QEMU is stopped below either way
        }
        if (agentProcess != null) {
            agentProcess.close();
        }
        if (persistent && vm.isAlive()) {
            try {
                ssh.execChecked("sync", new byte[0], SYNC_TIMEOUT);
            } catch (IOException e) {
                // a guest that cannot sync now would not later either
            }
        }
        ssh.close();
        vm.close();
    }
}
