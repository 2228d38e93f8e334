package dev.kbench.run;

import dev.kbench.plan.BootPlan;

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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One round of one kernel: a fresh VM booted for one workload or a suite of them, which then
 * runs them as often as asked, records every run in the run log as it ends and turns every
 * failure into an error naming the kernel, the workload, the round and the run. What a JMH fork
 * does between its {@code @Setup} and {@code @TearDown}, usable without JMH too.
 */
public final class WorkloadSession implements AutoCloseable {

    /** Workloads run pinned to guest CPU 0, as lsm-perf runs them. */
    static final int WORKLOAD_CPU = 0;

    private final Kernel kernel;
    private final List<String> workloads;
    /** Each workload's command line in the guest. */
    private final Map<String, List<String>> argv;
    private final SessionGuest guest;
    private final RunLog runLog;
    private final String benchmark;
    private final String vmId;
    private final Duration runTimeout;
    private final Optional<String> round;
    private String phase = RunRecord.MEASUREMENT;
    /** Runs so far in this phase, per workload. */
    private final Map<String, Integer> runs = new HashMap<>();

    private WorkloadSession(Kernel kernel, List<String> workloads, Map<String, List<String>> argv, SessionGuest guest, RunLog runLog, String benchmark,
            Duration runTimeout, Optional<String> round) {
        this.round = round;
        this.kernel = kernel;
        this.workloads = workloads;
        this.argv = argv;
        this.guest = guest;
        this.runLog = runLog;
        this.benchmark = benchmark;
        this.vmId = ProcessHandle.current().pid() + "-" + guest.vm().pid() + "-" + System.nanoTime();
        this.runTimeout = runTimeout;
    }

    /** Starts a session from a fluent description of what to boot and run. */
    public static Builder builder(String kernelSpec, String workload) {
        return new Builder(kernelSpec, List.of(workload));
    }

    /** A session whose one VM runs every workload of a suite (built-in names or paths). */
    public static Builder builder(String kernelSpec, List<String> workloads) {
        return new Builder(kernelSpec, workloads);
    }

    public static final class Builder {
        private final String kernelSpec;
        private final List<String> workloads;
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
        private Path runLog = RunLog.configured();
        /** Set by {@code kbench run}, which starts one JMH fork per kernel and round. */
        private Optional<String> round = Settings.get("KBENCH_ROUND");

        private Builder(String kernelSpec, List<String> workloads) {
            if (workloads.isEmpty()) {
                throw new IllegalArgumentException("a session needs at least one workload");
            }
            if (new HashSet<>(workloads).size() != workloads.size()) {
                throw new IllegalArgumentException("a workload is named twice in " + workloads);
            }
            this.kernelSpec = kernelSpec;
            this.workloads = List.copyOf(workloads);
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

        /** Arguments given to every workload of the session. */
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
            BootPlan.GuestContents contents = image -> {
                workloads.stream().filter(w -> w.contains("/")).forEach(w -> image.program(Path.of(w)));
                return image.workloads(workloads.stream().filter(w -> !w.contains("/")).toList());
            };
            String kernelArgs = pinning.isPresent() ? "isolcpus=" + WORKLOAD_CPU : "";
            BootPlan plan = BootPlan.prepare(kernelSpec, kernelArgs, accel, memoryMib, contents, log);
            RunLog records = RunLog.appendTo(runLog);
            try {
                SessionGuest guest = boot(plan, records);
                Map<String, List<String>> argv = new LinkedHashMap<>();
                try {
                    for (String workload : workloads) {
                        List<String> command = new ArrayList<>();
                        command.add(guest.install(workload));
                        command.addAll(workloadArgs);
                        argv.put(workload, List.copyOf(command));
                    }
                    if (pinning.isPresent()) {
                        pinning.get().apply(guest.vm());
                    }
                } catch (IOException | RuntimeException e) {
                    guest.close();
                    throw e;
                }
                log.println("kbench: " + plan.kernel().name() + " booted in " + guest.ready().toMillis() + " ms ("
                        + plan.accel().qemuName() + ", " + guest.transport()
                        + pinning.map(p -> ", QEMU pinned to host CPUs " + p).orElse("") + ")");
                return new WorkloadSession(plan.kernel(), workloads, argv, guest, records, benchmark, runTimeout, round);
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
                return SessionGuest.of(Vm.boot(plan.spec()));
            } catch (IOException e) {
                records.append(new RunRecord(Instant.now().toString(), benchmark, plan.kernel().name(), String.join(" ", workloads), null,
                        plan.accel().qemuName(), RunRecord.BOOT, 0, null, 0, e.getMessage().lines().findFirst().orElse("")));
                throw e;
            }
        }
    }

    /** Runs after this belong to {@code newPhase} ({@link RunRecord#WARMUP} or {@link RunRecord#MEASUREMENT}). */
    public void beginPhase(String newPhase) {
        if (!newPhase.equals(phase)) {
            phase = newPhase;
            runs.clear();
        }
    }

    /** Runs the session's (first) workload once and returns the integer it printed. */
    public long runOnce() throws IOException {
        return runOnce(workloads.get(0));
    }

    /** Runs one of the session's workloads once and returns the integer it printed; every run is recorded as it ends. */
    public long runOnce(String workload) throws IOException {
        if (!argv.containsKey(workload)) {
            throw new IllegalArgumentException("workload " + workload + " is not one of this session's " + workloads);
        }
        int run = runs.merge(workload, 1, Integer::sum) - 1;
        String where = "workload " + workload + " on kernel " + kernel.name() + " (" + round.map(r -> "round " + r + ", ").orElse("")
                + phase + " run " + run + ", VM " + vmId + ")";
        RunRequest request = new RunRequest(argv.get(workload), WORKLOAD_CPU, runTimeout);
        RunResult result;
        try {
            // the agent enforces the timeout; the reply deadline only guards against a dead guest
            result = guest.run(request, runTimeout.plusSeconds(30));
        } catch (IOException | RuntimeException e) {
            Vm vm = guest.vm();
            String gone = vm.hasExited(Duration.ofSeconds(2)) ? " (QEMU is gone" + withCause(vm.consoleDiagnosis()) + ")" : "";
            throw failure(workload, run, 0, where + " got no result: " + e.getMessage() + gone, e);
        }
        if (!result.succeeded()) {
            throw failure(workload, run, result.wallNanos(), where + " " + result.describeEnd() + stderrTail(result.stderr()), null);
        }
        long value;
        try {
            value = WorkloadOutput.parse(result.stdout());
        } catch (WorkloadException e) {
            throw failure(workload, run, result.wallNanos(), where + " " + e.getMessage(), null);
        }
        append(workload, run, value, result.wallNanos(), null);
        return value;
    }

    /** Records a failed run, and returns the exception to throw for it. */
    private WorkloadException failure(String workload, int run, long wallNs, String error, Throwable cause) throws IOException {
        append(workload, run, null, wallNs, error);
        return new WorkloadException(error, cause);
    }

    private void append(String workload, int run, Long value, long wallNs, String error) throws IOException {
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

    public List<String> workloads() {
        return workloads;
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
