package dev.kbench.run;

import dev.kbench.guest.Workload;
import dev.kbench.plan.BootPlan;
import dev.kbench.plan.Guest;
import dev.kbench.plan.GuestSettings;
import dev.kbench.plan.InitramfsGuest;
import dev.kbench.plan.RoundSlot;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a {@link WorkloadSession} starts: a fluent description of the kernel, the VM and the
 * workloads, and the boot that plans the VM, boots it, installs the workloads and records a boot
 * that fails in the run log.
 */
public final class SessionBuilder {
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
    private Optional<List<String>> warmed = Optional.empty();

    SessionBuilder(GuestSettings settings, String kernelSpec, List<Workload> workloads) {
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

    public SessionBuilder accel(Accel value) {
        this.accel = value;
        return this;
    }

    /**
     * Pins QEMU's threads as lsm-perf's {@code -c} does, and boots the guest with
     * {@code isolcpus=0} so that guest CPU 0, where the workload runs, is left to it.
     */
    public SessionBuilder pinning(Optional<CpuPinning> cpus) {
        this.pinning = cpus;
        return this;
    }

    public SessionBuilder memoryMib(int mib) {
        this.memoryMib = mib;
        return this;
    }

    /** The name runs are recorded under in the run log (the JMH benchmark's). */
    public SessionBuilder benchmark(String name) {
        this.benchmark = name;
        return this;
    }

    public SessionBuilder log(PrintStream out) {
        this.log = out;
        return this;
    }

    /** How many operations built-in workloads run: their defaults times a factor, or counts that follow the accelerator. */
    public SessionBuilder scale(WorkloadScale factor) {
        this.scale = factor;
        return this;
    }

    /** The ids of the workloads that run in warm-up passes; without it, every one. */
    public SessionBuilder warmed(List<String> workloadIds) {
        this.warmed = Optional.of(List.copyOf(workloadIds));
        return this;
    }

    /** Where this session sits in an experiment of several rounds ({@code kbench run}); it names failures and is recorded. */
    public SessionBuilder slot(Optional<RoundSlot> where) {
        this.slot = where;
        return this;
    }

    /**
     * Boots from the user's disk image, reached over SSH as lsm-perf does, instead of
     * kbench's generated initramfs; root logs in with the settings' key.
     */
    public SessionBuilder image(Optional<Path> diskImage) {
        this.image = diskImage;
        return this;
    }

    /** Resolves the kernel, builds the guest image, chooses the accelerator and boots. */
    public WorkloadSession boot() throws IOException {
        long started = System.nanoTime();
        String kernelArgs = pinning.isPresent() ? "isolcpus=" + WorkloadSession.WORKLOAD_CPU : "";
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
            List<Workload> warming = warmed.map(ids -> workloads.stream().filter(w -> ids.contains(w.id())).toList()).orElse(workloads);
            return new WorkloadSession(plan.kernel(), workloads, warming, argv, operations, guest, records, benchmark, settings.runTimeout(),
                    slot, started);
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
        records.append(new RunRecord(Instant.now().toString(), benchmark, kernel, WorkloadSession.names(workloads), null, accelName, RunPhase.BOOT, 0,
                null, 0, e.getMessage(), slot.map(RoundSlot::round).orElse(null), slot.map(RoundSlot::position).orElse(null), null, null));
    }
}
