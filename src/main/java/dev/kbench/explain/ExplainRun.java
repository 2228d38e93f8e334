package dev.kbench.explain;

import dev.kbench.KbenchException;
import dev.kbench.count.CountLog;
import dev.kbench.count.Counting;
import dev.kbench.count.CountingPlugin;
import dev.kbench.guest.PrintedUnit;
import dev.kbench.guest.RunRequest;
import dev.kbench.guest.RunResult;
import dev.kbench.guest.Workload;
import dev.kbench.plan.BootPlan;
import dev.kbench.plan.GuestSettings;
import dev.kbench.run.WorkloadException;
import dev.kbench.run.WorkloadOutput;
import dev.kbench.run.WorkloadScale;
import dev.kbench.vm.Accel;
import dev.kbench.vm.Vm;
import dev.kbench.vm.VmSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The measurements of {@code kbench explain}: each kernel in {@code vms} fresh VMs booted with
 * {@code kbench.window=on} and kbench's plugin counting per guest address, each VM reading its own
 * {@code /proc/kallsyms} through the agent, then running the workload {@code warmups} times and
 * once measured: under icount a run repeats to within 0.01 %, so a second VM says more than a
 * second run in one. The measured run's window, named by those symbols, is a {@link WindowSample}.
 *
 * @param settings the guest's settings (cache, kernels and variants, timeouts)
 * @param plugin kbench's TCG plugin, built for the QEMU that runs the VMs
 * @param workload a built-in workload: only those write the window
 * @param accel icount (the workload then prints instructions) or tcg
 */
public record ExplainRun(GuestSettings settings, CountingPlugin plugin, Workload.BuiltIn workload, Accel accel, int memoryMib,
        long operations, int vms, int warmups) {

    /** What the guest's kallsyms may take: Debian's cloud kernel lists 88,001 symbols, a few MiB. */
    static final long KALLSYMS_LIMIT = 64L << 20;
    static final String WINDOW_ARG = "kbench.window=on";
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);

    public ExplainRun {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(plugin, "plugin");
        Objects.requireNonNull(workload, "workload");
        if (accel != Accel.ICOUNT && accel != Accel.TCG) {
            throw new IllegalArgumentException("kbench explain counts instructions under --accel icount or tcg, not " + accel.qemuName()
                    + " (under KVM the guest's instructions never pass through QEMU)");
        }
        if (vms < 1 || warmups < 0 || operations < 1) {
            throw new IllegalArgumentException("explain needs at least one VM, one operation a run and no negative warm-ups");
        }
    }

    /** The operations a run of {@code workload} does by default: kbench run's count under {@code accel} ({@code --scale auto}). */
    public static long defaultOperations(Workload.BuiltIn workload, Accel accel) throws IOException {
        return WorkloadScale.AUTO.operations(workload, accel).orElse(PrintedUnit.ofBuiltIn(workload.name()).orElseThrow().count());
    }

    /** Measures {@code kernel} (a path, {@code default} or a variant's name) in {@code vms} fresh VMs. */
    public KernelProfile measure(String kernel, PrintStream log) throws IOException {
        List<WindowSample> samples = new ArrayList<>();
        for (int vm = 0; vm < vms; vm++) {
            samples.add(measureOneVm(kernel, vm, log));
        }
        return new KernelProfile(kernel, operations, samples);
    }

    private WindowSample measureOneVm(String kernel, int round, PrintStream log) throws IOException {
        BootPlan plan = BootPlan.builder(settings, kernel).kernelArgs(WINDOW_ARG).accel(accel).memoryMib(memoryMib)
                .contents(image -> image.workloadsOf(List.of(workload))).failureDir(GuestSettings.failedBootsBeside(settings.runLog()))
                .log(log).prepare();
        VmSpec spec = plan.spec().toBuilder().counting(Counting.functions(plugin)).build();
        try (Vm vm = Vm.boot(spec)) {
            Kallsyms symbols = symbols(vm, kernel);
            log.printf("kbench explain: %s, VM %d: booted in %.1f s (%s), %d kernel symbols%n", kernel, round + 1,
                    vm.bootDuration().toMillis() / 1000.0, accel.qemuName(), symbols.size());
            List<String> argv = List.of("/bin/" + workload.fileName(), Long.toString(operations));
            long printed = 0;
            Map<Long, Long> window = Map.of();
            for (int run = 0; run <= warmups; run++) {
                // counted around the run itself: a window anything else wrote before it is not this run's
                int before = vm.counts().functionWindows().size();
                printed = runOnce(vm, kernel, argv);
                List<Map<Long, Long>> windows = vm.counts().functionWindows();
                if (windows.size() != before + 1) {
                    throw new KbenchException(KbenchException.Kind.GUEST_FAILURE, "kernel " + kernel + ": a run of " + workload.name()
                            + " left " + (windows.size() - before) + " counted windows, not one: its binary must write port 0xf5"
                            + " around its timed region (rebuild kbench's workloads: ./kbench build)");
                }
                window = windows.get(before);
            }
            WindowSample sample = new WindowSample(inInstructions(printed), symbols.functions(window));
            log.printf("kbench explain: %s, VM %d: %,.1f instructions per operation counted in the window%s%n", kernel, round + 1,
                    (double) sample.total() / operations,
                    sample.printed().isPresent() ? String.format(", %,.1f the workload's own count", (double) sample.printed().getAsLong() / operations) : "");
            return sample;
        }
    }

    private Kallsyms symbols(Vm vm, String kernel) throws IOException {
        Kallsyms symbols = Kallsyms.parse(vm.agent().readFile("/proc/kallsyms", KALLSYMS_LIMIT, READ_TIMEOUT));
        if (symbols.size() == 0) {
            throw new KbenchException(KbenchException.Kind.BAD_INPUT, "kernel " + kernel + " lists no symbols in /proc/kallsyms: build"
                    + " it with CONFIG_KALLSYMS=y");
        }
        if (symbols.hidesAddresses()) {
            throw new KbenchException(KbenchException.Kind.BAD_INPUT, "kernel " + kernel + " shows every symbol at address 0 in"
                    + " /proc/kallsyms even to root (kptr_restrict=2?): boot it without that setting");
        }
        return symbols;
    }

    private long runOnce(Vm vm, String kernel, List<String> argv) throws IOException {
        RunResult result = vm.agent().run(new RunRequest(argv, 0, settings.runTimeout()), settings.runTimeout().plusSeconds(30));
        if (!result.succeeded()) {
            throw new KbenchException(KbenchException.Kind.GUEST_FAILURE, "kernel " + kernel + ": " + workload.name() + " "
                    + result.describeEnd() + ": " + result.stderr().strip().lines().reduce((x, y) -> y).orElse("no stderr"));
        }
        try {
            return WorkloadOutput.parse(result.stdout());
        } catch (WorkloadException e) {
            throw new KbenchException(KbenchException.Kind.GUEST_FAILURE, "kernel " + kernel + ": " + workload.name() + " " + e.getMessage());
        }
    }

    /** What the workload printed, in instructions: under icount a nanosecond is one, a microsecond of CPU time a thousand. */
    private OptionalLong inInstructions(long printed) throws IOException {
        if (accel != Accel.ICOUNT) {
            return OptionalLong.empty();
        }
        PrintedUnit unit = PrintedUnit.ofBuiltIn(workload.name()).orElseThrow();
        return OptionalLong.of(unit.kind() == PrintedUnit.Kind.US_CPU ? printed * 1000 : printed);
    }
}
