package dev.kbench.run;

import dev.kbench.guest.RunRequest;
import dev.kbench.guest.RunResult;
import dev.kbench.guest.Workload;
import dev.kbench.kernel.Kernel;
import dev.kbench.plan.BootPlan;
import dev.kbench.plan.Guest;
import dev.kbench.plan.GuestSettings;
import dev.kbench.plan.InitramfsGuest;
import dev.kbench.plan.RoundSlot;
import dev.kbench.results.RoundTime;
import dev.kbench.results.RunLog;
import dev.kbench.results.RunPhase;
import dev.kbench.results.RunRecord;
import dev.kbench.ssh.ImageGuest;
import dev.kbench.vm.Accel;
import dev.kbench.vm.CpuPinning;
import dev.kbench.vm.DiskImage;
import dev.kbench.vm.Vm;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
    private final List<Workload> workloads;
    /** Each workload's command line in the guest, by id. */
    private final Map<String, List<String>> argv;
    /** The operation count each scaled workload was given, by id; absent: it runs as it is. */
    private final Map<String, Long> operations;
    private final Guest guest;
    private final RunLog runLog;
    private final String benchmark;
    private final String vmId;
    private final Duration runTimeout;
    private final Optional<RoundSlot> slot;
    private RunPhase phase = RunPhase.MEASUREMENT;
    /** Runs so far in this phase, per workload. */
    private final Map<String, Integer> runs = new HashMap<>();
    private final long bootNs;
    private final long setupNs;
    /** The host's time in runs so far, warm-ups and failed runs included. */
    private long runsNs;

    private WorkloadSession(Kernel kernel, List<Workload> workloads, Map<String, List<String>> argv, Map<String, Long> operations,
            Guest guest, RunLog runLog, String benchmark, Duration runTimeout, Optional<RoundSlot> slot, long startedNanos) {
        this.slot = slot;
        this.bootNs = guest.ready().toNanos();
        this.setupNs = Math.max(0, System.nanoTime() - startedNanos - bootNs);
        this.kernel = kernel;
        this.workloads = workloads;
        this.argv = argv;
        this.operations = operations;
        this.guest = guest;
        this.runLog = runLog;
        this.benchmark = benchmark;
        this.vmId = ProcessHandle.current().pid() + "-" + guest.vm().pid() + "-" + System.nanoTime();
        this.runTimeout = runTimeout;
    }

    /** Starts a fluent description of a session of {@code kernel} (a name, variant or path) running {@code workloads} in turn. */
    public static Builder builder(GuestSettings settings, String kernel, List<Workload> workloads) {
        return new Builder(settings, kernel, workloads);
    }

    public static final class Builder {
        private final GuestSettings settings;
        private final String kernelSpec;
        private final List<Workload> workloads;
        private Accel accel = Accel.AUTO;
        private Optional<CpuPinning> pinning = Optional.empty();
        private Optional<Path> image = Optional.empty();
        private int memoryMib = 512;
        private String benchmark = "kbench";
        private PrintStream log = System.out;
        private Optional<RoundSlot> slot = Optional.empty();
        private WorkloadScale scale = WorkloadScale.AUTO;

        private Builder(GuestSettings settings, String kernelSpec, List<Workload> workloads) {
            if (workloads.isEmpty()) {
                throw new IllegalArgumentException("a session needs at least one workload");
            }
            if (workloads.stream().map(Workload::id).distinct().count() != workloads.size()) {
                throw new IllegalArgumentException("a workload is named twice in " + workloads.stream().map(Workload::id).toList());
            }
            this.settings = settings;
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

        /** The name runs are recorded under in the run log (the JMH benchmark's). */
        public Builder benchmark(String name) {
            this.benchmark = name;
            return this;
        }

        public Builder log(PrintStream out) {
            this.log = out;
            return this;
        }

        /** How many operations built-in workloads run: their defaults times a factor, or counts that follow the accelerator. */
        public Builder scale(WorkloadScale factor) {
            this.scale = factor;
            return this;
        }

        /** Where this session sits in an experiment of several rounds ({@code kbench run}); it names failures and is recorded. */
        public Builder slot(Optional<RoundSlot> where) {
            this.slot = where;
            return this;
        }

        /**
         * Boots from the user's disk image, reached over SSH as lsm-perf does, instead of
         * kbench's generated initramfs; root logs in with the settings' key.
         */
        public Builder image(Optional<Path> diskImage) {
            this.image = diskImage;
            return this;
        }

        /** Resolves the kernel, builds the guest image, chooses the accelerator and boots. */
        public WorkloadSession boot() throws IOException {
            long started = System.nanoTime();
            String kernelArgs = pinning.isPresent() ? "isolcpus=" + WORKLOAD_CPU : "";
            BootPlan.Builder planner = BootPlan.builder(settings, kernelSpec).kernelArgs(kernelArgs).accel(accel).memoryMib(memoryMib)
                    .contents(guestImage -> guestImage.workloadsOf(workloads)).failureDir(GuestSettings.failedBootsBeside(settings.runLog()))
                    .log(log);
            if (image.isPresent()) {
                planner.diskImage(DiskImage.of(image.get()).disk(settings.disk()).net(settings.net()));
            }
            RunLog records = RunLog.appendTo(settings.runLog());
            try {
                BootPlan plan;
                try {
                    plan = planner.prepare();
                } catch (IOException e) {
                    recordFailedBoot(records, kernelSpec, accel.qemuName(), e);
                    throw e;
                }
                Guest guest = boot(plan, records);
                Map<String, List<String>> argv = new LinkedHashMap<>();
                Map<String, Long> operations = new HashMap<>();
                try {
                    for (Workload workload : workloads) {
                        List<String> command = new ArrayList<>();
                        command.add(guest.install(workload));
                        Optional<Long> count = scale.operations(workload, plan.accel());
                        count.ifPresent(n -> {
                            command.add(Long.toString(n));
                            operations.put(workload.id(), n);
                        });
                        argv.put(workload.id(), List.copyOf(command));
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
                return new WorkloadSession(plan.kernel(), workloads, argv, operations, guest, records, benchmark, settings.runTimeout(), slot,
                        started);
            } catch (IOException | RuntimeException e) {
                records.close();
                throw e;
            }
        }

        /**
         * Boots, recording a failed boot in the run log too, as a failed plan is: it is where a
         * sweep looks for what went wrong, and where kbench run takes its error from, so the whole
         * message is kept (its first line says why, the console's tail follows).
         */
        private Guest boot(BootPlan plan, RunLog records) throws IOException {
            try {
                if (image.isPresent()) {
                    return ImageGuest.builder(plan.spec()).key(settings.key()).transport(settings.transport()).log(log).boot();
                }
                return new InitramfsGuest(Vm.boot(plan.spec()));
            } catch (IOException e) {
                recordFailedBoot(records, plan.kernel().name(), plan.accel().qemuName(), e);
                throw e;
            }
        }

        /** A boot that could not be planned (a kernel without a needed driver) or did not reach its guest. */
        private void recordFailedBoot(RunLog records, String kernel, String accelName, IOException e) throws IOException {
            records.append(new RunRecord(Instant.now().toString(), benchmark, kernel, names(workloads), null, accelName, RunPhase.BOOT, 0,
                    null, 0, e.getMessage(), slot.map(RoundSlot::round).orElse(null), slot.map(RoundSlot::position).orElse(null), null, null));
        }
    }

    /** Runs after this belong to {@code newPhase} ({@link RunPhase#WARMUP} or {@link RunPhase#MEASUREMENT}). */
    public void beginPhase(RunPhase newPhase) {
        if (newPhase != phase) {
            phase = newPhase;
            runs.clear();
        }
    }

    /** Runs the session's (first) workload once and returns the integer it printed. */
    public long runOnce() throws IOException {
        return runOnce(workloads.get(0));
    }

    /** Runs one of the session's workloads once and returns the integer it printed; every run is recorded as it ends. */
    public long runOnce(Workload one) throws IOException {
        String workload = one.id();
        if (!argv.containsKey(workload)) {
            throw new IllegalArgumentException("workload " + workload + " is not one of this session's " + argv.keySet());
        }
        int run = runs.merge(workload, 1, Integer::sum) - 1;
        String where = "workload " + workload + " on kernel " + kernel.name() + " (" + slot.map(s -> "round " + s.round() + ", ").orElse("")
                + phase.logName() + " run " + run + ", VM " + vmId + ")";
        RunRequest request = new RunRequest(argv.get(workload), WORKLOAD_CPU, runTimeout);
        RunResult result;
        long runStarted = System.nanoTime();
        try {
            // the agent enforces the timeout; the reply deadline only guards against a dead guest
            result = guest.run(request, runTimeout.plusSeconds(30));
        } catch (IOException | RuntimeException e) {
            runsNs += System.nanoTime() - runStarted;
            Vm vm = guest.vm();
            String gone = vm.hasExited(Duration.ofSeconds(2)) ? " (QEMU is gone" + withCause(vm.consoleDiagnosis()) + ")" : "";
            throw failure(workload, run, 0, where + " got no result: " + e.getMessage() + gone, e);
        }
        runsNs += System.nanoTime() - runStarted;
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
        append(workload, phase, run, value, wallNs, error, null, operations.get(workload));
    }

    private void append(String workload, RunPhase what, int run, Long value, long wallNs, String error, RoundTime spent, Long count)
            throws IOException {
        runLog.append(new RunRecord(Instant.now().toString(), benchmark, kernel.name(), workload, vmId, guest.vm().accel().qemuName(),
                what, run, value, wallNs, error, slot.map(RoundSlot::round).orElse(null), slot.map(RoundSlot::position).orElse(null), spent,
                count));
    }

    /** The workloads as one run-log field, for records about the whole session. */
    private static String names(List<Workload> workloads) {
        return String.join(" ", workloads.stream().map(Workload::id).toList());
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

    public List<Workload> workloads() {
        return workloads;
    }

    public Vm vm() {
        return guest.vm();
    }

    /** Stops the VM, then records where the round's time went. */
    @Override
    public void close() throws IOException {
        long closing = System.nanoTime();
        try {
            guest.close();
            RoundTime spent = new RoundTime(bootNs, setupNs, runsNs, System.nanoTime() - closing);
            append(names(workloads), RunPhase.ROUND, 0, null, spent.totalNs(), null, spent, null);
        } finally {
            runLog.close();
        }
    }
}
