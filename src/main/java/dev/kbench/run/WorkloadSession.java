package dev.kbench.run;

import dev.kbench.Settings;
import dev.kbench.guest.RunRequest;
import dev.kbench.guest.RunResult;
import dev.kbench.kernel.Kernel;
import dev.kbench.results.RunLog;
import dev.kbench.results.RunRecord;
import dev.kbench.ssh.ImageGuest;
import dev.kbench.vm.Accel;
import dev.kbench.vm.CpuPinning;
import dev.kbench.vm.DiskModel;
import dev.kbench.vm.NetModel;
import dev.kbench.vm.Vm;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One round of one kernel: a fresh VM booted for a workload, which then runs the workload as
 * often as asked, records every run in the run log as it ends and turns every failure into an
 * error naming the kernel, the round and the run. What a JMH fork does between its
 * {@code @Setup} and {@code @TearDown}, usable without JMH too.
 */
public final class WorkloadSession implements AutoCloseable {

    /** Workloads run pinned to guest CPU 0, as lsm-perf runs them. */
    static final int WORKLOAD_CPU = 0;

    private final Kernel kernel;
    private final String workload;
    private final List<String> argv;
    private final SessionGuest guest;
    private final RunLog runLog;
    private final String benchmark;
    private final String vmId;
    private final Duration runTimeout;
    private final Optional<String> round;
    private String phase = RunRecord.MEASUREMENT;
    private int iteration;

    private WorkloadSession(Kernel kernel, String workload, List<String> argv, SessionGuest guest, RunLog runLog, String benchmark,
            Duration runTimeout, Optional<String> round) {
        this.round = round;
        this.kernel = kernel;
        this.workload = workload;
        this.argv = argv;
        this.guest = guest;
        this.runLog = runLog;
        this.benchmark = benchmark;
        this.vmId = ProcessHandle.current().pid() + "-" + guest.vm().pid() + "-" + System.nanoTime();
        this.runTimeout = runTimeout;
    }

    /** Starts a session from a fluent description of what to boot and run. */
    public static Builder builder(String kernelSpec, String workload) {
        return new Builder(kernelSpec, workload);
    }

    public static final class Builder {
        private final String kernelSpec;
        private final String workload;
        private final List<String> workloadArgs = new ArrayList<>();
        private Accel accel = Accel.AUTO;
        private Optional<CpuPinning> pinning = Optional.empty();
        private Optional<Path> image = Optional.empty();
        private Path key = Path.of(Settings.get("KBENCH_KEY").orElse(System.getProperty("user.home") + "/.ssh/id_rsa"));
        private ImageGuest.Transport transport = Settings.get("KBENCH_TRANSPORT").orElse("agent").equals("ssh")
                ? ImageGuest.Transport.SSH_EXEC : ImageGuest.Transport.AGENT_OVER_SSH;
        private int memoryMib = 512;
        private String benchmark = "kbench";
        private PrintStream log = System.out;
        private Duration runTimeout = Duration.ofSeconds(Long.parseLong(Settings.get("KBENCH_RUN_TIMEOUT").orElse("300")));
        private Path runLog = Path.of(Settings.get("KBENCH_RUN_LOG").orElse("kbench-runs.jsonl"));
        /** Set by {@code kbench run}, which starts one JMH fork per kernel and round. */
        private Optional<String> round = Settings.get("KBENCH_ROUND");

        private Builder(String kernelSpec, String workload) {
            this.kernelSpec = kernelSpec;
            this.workload = workload;
        }

        public Builder accel(Accel value) {
            this.accel = value;
            return this;
        }

        /**
         * Pins QEMU's threads as lsm-perf's {@code -c} does, and boots the guest with
         * {@code isolcpus=0} so that guest CPU 0, where the workload runs, is left to it.
         */
        public Builder pinning(Optional<CpuPinning> cpus) {
            this.pinning = cpus;
            return this;
        }

        public Builder memoryMib(int mib) {
            this.memoryMib = mib;
            return this;
        }

        public Builder workloadArgs(List<String> args) {
            workloadArgs.addAll(args);
            return this;
        }

        /** The name runs are recorded under in the run log (the JMH benchmark's). */
        public Builder benchmark(String name) {
            this.benchmark = name;
            return this;
        }

        public Builder log(PrintStream out) {
            this.log = out;
            return this;
        }

        public Builder runTimeout(Duration timeout) {
            this.runTimeout = timeout;
            return this;
        }

        public Builder runLog(Path file) {
            this.runLog = file;
            return this;
        }

        /**
         * Boots from the user's disk image, reached over SSH as lsm-perf does, instead of
         * kbench's generated initramfs; root logs in with {@link #key(Path)}.
         */
        public Builder image(Optional<Path> diskImage) {
            this.image = diskImage;
            return this;
        }

        /** Root's private key for the disk image; {@code $KBENCH_KEY}, else lsm-perf's ~/.ssh/id_rsa. */
        public Builder key(Path privateKey) {
            this.key = privateKey;
            return this;
        }

        /** Resolves the kernel, builds the guest image, chooses the accelerator and boots. */
        public WorkloadSession boot() throws IOException {
            BootPlan.GuestContents contents = workload.contains("/") ? image -> image.program(Path.of(workload))
                    : image -> image.workloads(List.of(workload));
            String kernelArgs = pinning.isPresent() ? "isolcpus=" + WORKLOAD_CPU : "";
            BootPlan plan = BootPlan.prepare(kernelSpec, kernelArgs, accel, memoryMib, contents, log);
            RunLog records = RunLog.appendTo(runLog);
            try {
                SessionGuest guest = boot(plan, records);
                List<String> argv = new ArrayList<>();
                try {
                    argv.add(guest.install(workload));
                    if (pinning.isPresent()) {
                        pinning.get().apply(guest.vm());
                    }
                } catch (IOException | RuntimeException e) {
                    guest.close();
                    throw e;
                }
                argv.addAll(workloadArgs);
                log.println("kbench: " + plan.kernel().name() + " booted in " + guest.ready().toMillis() + " ms ("
                        + plan.accel().qemuName() + ", " + guest.transport()
                        + pinning.map(p -> ", QEMU pinned to host CPUs " + p).orElse("") + ")");
                return new WorkloadSession(plan.kernel(), workload, argv, guest, records, benchmark, runTimeout, round);
            } catch (IOException | RuntimeException e) {
                records.close();
                throw e;
            }
        }

        /** Boots, recording a failed boot in the run log too: it is where a sweep looks for what went wrong. */
        private SessionGuest boot(BootPlan plan, RunLog records) throws IOException {
            try {
                if (image.isPresent()) {
                    return SessionGuest.of(ImageGuest.builder(plan.kernel(), image.get()).key(key).accel(plan.accel())
                            .memoryMib(memoryMib).transport(transport).log(log)
                            .disk(DiskModel.parse(Settings.get("KBENCH_DISK").orElse("virtio-scsi")))
                            .net(NetModel.parse(Settings.get("KBENCH_NET").orElse("e1000"))).boot());
                }
                return SessionGuest.of(Vm.boot(plan.spec(), plan.accel()));
            } catch (IOException e) {
                records.append(new RunRecord(Instant.now().toString(), benchmark, plan.kernel().name(), workload, null,
                        plan.accel().qemuName(), RunRecord.BOOT, 0, null, 0, e.getMessage().lines().findFirst().orElse("")));
                throw e;
            }
        }
    }

    /** Runs after this belong to {@code newPhase} ({@link RunRecord#WARMUP} or {@link RunRecord#MEASUREMENT}). */
    public void beginPhase(String newPhase) {
        if (!newPhase.equals(phase)) {
            phase = newPhase;
            iteration = 0;
        }
    }

    /** Runs the workload once and returns the integer it printed; every run is recorded as it ends. */
    public long runOnce() throws IOException {
        int run = iteration++;
        String where = "workload " + workload + " on kernel " + kernel.name() + " (" + round.map(r -> "round " + r + ", ").orElse("")
                + phase + " run " + run + ", VM " + vmId + ")";
        RunRequest request = new RunRequest(argv, WORKLOAD_CPU, runTimeout);
        RunResult result;
        try {
            // the agent enforces the timeout; the reply deadline only guards against a dead guest
            result = guest.run(request, runTimeout.plusSeconds(30));
        } catch (IOException | RuntimeException e) {
            Vm vm = guest.vm();
            String gone = vm.hasExited(Duration.ofSeconds(2)) ? " (QEMU is gone" + withCause(vm.consoleDiagnosis()) + ")" : "";
            throw failure(run, 0, where + " got no result: " + e.getMessage() + gone, e);
        }
        if (!result.succeeded()) {
            throw failure(run, result.wallNanos(), where + " " + result.describeEnd() + stderrTail(result.stderr()), null);
        }
        long value;
        try {
            value = WorkloadOutput.parse(result.stdout());
        } catch (WorkloadException e) {
            throw failure(run, result.wallNanos(), where + " " + e.getMessage(), null);
        }
        append(run, value, result.wallNanos(), null);
        return value;
    }

    /** Records a failed run, and returns the exception to throw for it. */
    private WorkloadException failure(int run, long wallNs, String error, Throwable cause) throws IOException {
        append(run, null, wallNs, error);
        return new WorkloadException(error, cause);
    }

    private void append(int run, Long value, long wallNs, String error) throws IOException {
        runLog.append(new RunRecord(Instant.now().toString(), benchmark, kernel.name(), workload, vmId, guest.vm().accel().qemuName(),
                phase, run, value, wallNs, error));
    }

    private static String withCause(String cause) {
        return cause.isEmpty() ? "" : ": " + cause;
    }

    private static String stderrTail(String stderr) {
        String[] lines = stderr.strip().split("\n");
        String last = lines[lines.length - 1];
        return last.isEmpty() ? "" : "; its stderr ends: " + last;
    }

    public Kernel kernel() {
        return kernel;
    }

    public Vm vm() {
        return guest.vm();
    }

    @Override
    public void close() throws IOException {
        try {
            guest.close();
        } finally {
            runLog.close();
        }
    }
}
