package dev.kbench.run;

import dev.kbench.Settings;
import dev.kbench.guest.RunRequest;
import dev.kbench.guest.RunResult;
import dev.kbench.kernel.Kernel;
import dev.kbench.results.RunLog;
import dev.kbench.results.RunRecord;
import dev.kbench.vm.Accel;
import dev.kbench.vm.CpuPinning;
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
    private final Vm vm;
    private final RunLog runLog;
    private final String benchmark;
    private final String vmId;
    private final Duration runTimeout;
    private final Optional<String> round;
    private String phase = RunRecord.MEASUREMENT;
    private int iteration;

    private WorkloadSession(Kernel kernel, String workload, List<String> argv, Vm vm, RunLog runLog, String benchmark,
            Duration runTimeout, Optional<String> round) {
        this.round = round;
        this.kernel = kernel;
        this.workload = workload;
        this.argv = argv;
        this.vm = vm;
        this.runLog = runLog;
        this.benchmark = benchmark;
        this.vmId = ProcessHandle.current().pid() + "-" + vm.pid() + "-" + System.nanoTime();
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

        /** Resolves the kernel, builds the guest image, chooses the accelerator and boots. */
        public WorkloadSession boot() throws IOException {
            List<String> argv = new ArrayList<>();
            BootPlan.GuestContents contents;
            if (workload.contains("/")) {
                Path program = Path.of(workload);
                argv.add("/bin/" + program.getFileName());
                contents = image -> image.program(program);
            } else {
                argv.add("/bin/" + workload);
                contents = image -> image.workloads(List.of(workload));
            }
            argv.addAll(workloadArgs);
            String kernelArgs = pinning.isPresent() ? "isolcpus=" + WORKLOAD_CPU : "";
            BootPlan plan = BootPlan.prepare(kernelSpec, kernelArgs, accel, memoryMib, contents, log);
            RunLog records = RunLog.appendTo(runLog);
            try {
                Vm vm = boot(plan, records);
                try {
                    if (pinning.isPresent()) {
                        pinning.get().apply(vm);
                    }
                } catch (IOException | RuntimeException e) {
                    vm.close();
                    throw e;
                }
                log.println("kbench: " + plan.kernel().name() + " booted in " + vm.bootDuration().toMillis() + " ms ("
                        + plan.accel().qemuName() + ", agent on " + vm.channel()
                        + pinning.map(p -> ", QEMU pinned to host CPUs " + p).orElse("") + ")");
                return new WorkloadSession(plan.kernel(), workload, argv, vm, records, benchmark, runTimeout, round);
            } catch (IOException | RuntimeException e) {
                records.close();
                throw e;
            }
        }

        /** Boots, recording a failed boot in the run log too: it is where a sweep looks for what went wrong. */
        private Vm boot(BootPlan plan, RunLog records) throws IOException {
            try {
                return Vm.boot(plan.spec(), plan.accel());
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
            result = vm.agent().run(request, runTimeout.plusSeconds(30));
        } catch (IOException | RuntimeException e) {
            String guest = vm.hasExited(Duration.ofSeconds(2)) ? " (QEMU is gone" + withCause(vm.consoleDiagnosis()) + ")" : "";
            throw failure(run, 0, where + " got no result: " + e.getMessage() + guest, e);
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
        runLog.append(new RunRecord(Instant.now().toString(), benchmark, kernel.name(), workload, vmId, vm.accel().qemuName(),
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
        return vm;
    }

    @Override
    public void close() throws IOException {
        try {
            vm.close();
        } finally {
            runLog.close();
        }
    }
}
