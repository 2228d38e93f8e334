package dev.kbench.run;

import dev.kbench.guest.RunRequest;
import dev.kbench.guest.RunResult;
import dev.kbench.guest.Workload;
import dev.kbench.kernel.Kernel;
import dev.kbench.plan.Guest;
import dev.kbench.plan.GuestSettings;
import dev.kbench.plan.RoundSlot;
import dev.kbench.results.RoundTime;
import dev.kbench.results.RunLog;
import dev.kbench.results.RunPhase;
import dev.kbench.results.RunRecord;
import dev.kbench.vm.HostCpuUse;
import dev.kbench.vm.Vm;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
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
    /** The workloads a warm-up pass runs: those whose first run in a fresh VM differs from the later ones. */
    private final List<Workload> warming;
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
    private long othersCpuNs;

    WorkloadSession(Kernel kernel, List<Workload> workloads, List<Workload> warming, Map<String, List<String>> argv,
            Map<String, Long> operations, Guest guest, RunLog runLog, String benchmark, Duration runTimeout, Optional<RoundSlot> slot, long startedNanos) {
        this.slot = slot;
        this.bootNs = guest.ready().toNanos();
        this.setupNs = Math.max(0, System.nanoTime() - startedNanos - bootNs);
        this.kernel = kernel;
        this.workloads = workloads;
        this.warming = List.copyOf(warming);
        this.argv = argv;
        this.operations = operations;
        this.guest = guest;
        this.runLog = runLog;
        this.benchmark = benchmark;
        this.vmId = ProcessHandle.current().pid() + "-" + guest.vm().pid() + "-" + System.nanoTime();
        this.runTimeout = runTimeout;
    }

    /** Starts a fluent description of a session of {@code kernel} (a name, variant or path) running {@code workloads} in turn. */
    public static SessionBuilder builder(GuestSettings settings, String kernel, List<Workload> workloads) {
        return new SessionBuilder(settings, kernel, workloads);
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
        HostCpuUse before = HostCpuUse.now();
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
        othersCpuNs += HostCpuUse.now().othersNsSince(before);
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
    static String names(List<Workload> workloads) {
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

    /** What one pass over the suite runs in the current phase: every workload, or in a warm-up pass those that need one. */
    public List<Workload> passWorkloads() {
        return phase == RunPhase.WARMUP ? warming : workloads;
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
            RoundTime spent = new RoundTime(bootNs, setupNs, runsNs, System.nanoTime() - closing, othersCpuNs);
            append(names(workloads), RunPhase.ROUND, 0, null, spent.totalNs(), null, spent, null);
        } finally {
            runLog.close();
        }
    }
}
