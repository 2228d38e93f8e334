package dev.kbench.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.Settings;
import dev.kbench.boot.BootPhases;
import dev.kbench.kernel.Kernel;
import dev.kbench.kernel.builder.BuildConfig;
import dev.kbench.kernel.builder.BuiltKernel;
import dev.kbench.kernel.builder.Compression;
import dev.kbench.kernel.builder.KernelSource;
import dev.kbench.kernel.builder.MarkerPatch;
import dev.kbench.plan.BootPlan;
import dev.kbench.plan.GuestSettings;
import dev.kbench.vm.Accel;
import dev.kbench.vm.BootException;
import dev.kbench.vm.DiskModel;
import dev.kbench.vm.Machine;
import dev.kbench.vm.Marker;
import dev.kbench.vm.RootFs;
import dev.kbench.vm.Vm;
import dev.kbench.vm.VmSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeroturnaround.exec.ProcessExecutor;

/**
 * kbench's own marked kernels (built from Debian's linux-source-6.1 with kbench's marker patch,
 * no ACPI, no modules), booted for real under TCG: every marker in order, phases that add up,
 * every compression, with and without initramfs support, on microvm without ACPI and on pc; and
 * the two ways such a kernel dies early, each told within seconds.
 */
class MarkedKernelIT {

    @TempDir
    Path tmp;

    @AfterEach
    void noQemuIsLeftRunning() {
        assertEquals(List.of(), QemuProcesses.ours());
    }

    private static GuestSettings settings() throws Exception {
        return GuestSettings.from(Settings.fromEnvironment());
    }

    private static BootPlan plan(Kernel kernel, Machine machine, PrintStream log) throws Exception {
        return BootPlan.builder(settings(), kernel).shape(new BootPlan.Shape(machine, Optional.empty())).accel(Accel.TCG)
                .memoryMib(256).log(log).prepare();
    }

    /** A boot's markers once the agent was ready, and QEMU's start-up before the guest ran. */
    private record MarkedBoot(List<Marker> markers, Duration vmmStartup) {
    }

    /** Boots {@code spec}; returns its markers once the agent is ready. */
    private static MarkedBoot boot(VmSpec spec) throws Exception {
        try (Vm vm = Vm.boot(spec)) {
            return new MarkedBoot(vm.markersOnceReady(Duration.ofSeconds(5)), vm.vmmStartup());
        }
    }

    /** The whole schema this patch writes, then the agent's two, each once and in time order; and the phases add up. */
    private static void markedBootAddsUp(MarkedBoot boot, boolean bootstrapLoader) {
        List<Marker> markers = boot.markers();
        List<Integer> expected = new ArrayList<>(bootstrapLoader ? MarkerPatch.MARKERS
                : MarkerPatch.MARKERS.subList(MarkerPatch.MARKERS.indexOf(Marker.KERNEL_START), MarkerPatch.MARKERS.size()));
        expected.addAll(List.of(Marker.INIT_START, Marker.AGENT_READY));
        assertEquals(expected, markers.stream().map(Marker::value).toList(), "markers " + markers);
        for (int i = 1; i < markers.size(); i++) {
            assertTrue(markers.get(i).nanos() >= markers.get(i - 1).nanos(), "markers out of time order: " + markers);
        }
        Map<String, Double> phases = BootPhases.of(markers, boot.vmmStartup());
        List<String> suite = bootstrapLoader ? BootPhases.SUITE : List.of("in_monitor", "guest");
        for (String phase : suite) {
            assertTrue(phases.containsKey(phase) && phases.get(phase) > 0, phase + " in " + phases);
        }
        for (String phase : BootPhases.KBENCH) {
            assertTrue(phases.get(phase) > 0, phase + " in " + phases);
        }
        // QEMU start -> the guest's first instruction -> bootstrap -> kernel -> init: the spans between them add up to to_init
        double betweenLoaderAndKernel = bootstrapLoader ? micros(markers, Marker.KERNEL_START) - micros(markers, Marker.BOOTSTRAP_END) : 0;
        double betweenKernelAndInit = micros(markers, Marker.INIT_START) - micros(markers, Marker.BEFORE_INIT);
        double sum = phases.get("in_monitor") + phases.get("firmware") + phases.getOrDefault("bootstrap", 0.0) + betweenLoaderAndKernel
                + phases.get("guest")
                + betweenKernelAndInit;
        assertEquals(phases.get("to_init"), sum, 0.01, phases.toString());
        assertEquals(phases.get("to_ready"), phases.get("to_init") + phases.get("init_to_ready"), 0.01, phases.toString());
        if (bootstrapLoader) {
            double inside = phases.get("decomp") + phases.get("parse_elf") + phases.get("bootstrap_rando");
            // the parts may fill the bootstrap whole: under TCG the markers between them can carry one time stamp
            assertTrue(inside <= phases.get("bootstrap") + 0.01, "the bootstrap's parts exceed it: " + phases);
        }
    }

    private static double micros(List<Marker> markers, int value) {
        return markers.stream().filter(m -> m.value() == value).findFirst().orElseThrow().nanos() / 1000.0;
    }

    @Test
    void thePatchAppliesToDebians61OnceAndIsThenSeenAsApplied() throws Exception {
        Path tarball = KernelSource.debian().location();
        Path tree = Files.createDirectories(tmp.resolve("linux"));
        List<String> files = List.of("arch/x86/boot/compressed/head_64.S", "arch/x86/boot/compressed/misc.c", "init/main.c");
        List<String> tar = new ArrayList<>(List.of("tar", "-xf", tarball.toString(), "-C", tree.toString(), "--strip-components=1"));
        files.forEach(f -> tar.add("linux-source-6.1/" + f));
        new ProcessExecutor(tar).exitValueNormal().timeout(5, TimeUnit.MINUTES).execute();
        String before = Files.readString(tree.resolve("init/main.c"));
        assertFalse(MarkerPatch.appliedTo(tree));
        MarkerPatch.applyTo(tree, "6.1");
        assertTrue(MarkerPatch.appliedTo(tree));
        String after = Files.readString(tree.resolve("init/main.c"));
        assertTrue(after.contains("kbench_marker(0x11);") && after.contains("kbench_marker(0x12);") && !before.contains("kbench_marker"));
        MarkerPatch.applyTo(tree, "6.1");
        assertEquals(after, Files.readString(tree.resolve("init/main.c")), "a second apply changes nothing");
    }

    @Test
    void onMicrovmWithoutAcpiEveryMarkerArrivesInOrder() throws Exception {
        Kernel kernel = MarkedKernels.small(Compression.GZIP);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        BootPlan plan = plan(kernel, Machine.MICROVM, new PrintStream(log, true));
        assertFalse(plan.spec().acpi(), "a kernel without ACPI boots on microvm with ACPI off");
        assertTrue(log.toString().contains("has no ACPI (CONFIG_ACPI is not set"), log.toString());
        assertTrue(plan.spec().initramfs() != null, "a kernel with initramfs support boots kbench's initramfs");
        markedBootAddsUp(boot(plan.spec()), true);
    }

    @Test
    void onPcEveryMarkerArrivesInOrder() throws Exception {
        Kernel kernel = MarkedKernels.small(Compression.GZIP);
        markedBootAddsUp(boot(plan(kernel, Machine.PC, System.out).spec()), true);
    }

    @Test
    void aKernelWithoutInitramfsSupportBootsFromVirtioBlkByItself() throws Exception {
        Kernel kernel = MarkedKernels.smallWithoutInitramfs();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        BootPlan plan = plan(kernel, Machine.MICROVM, new PrintStream(log, true));
        assertEquals(Optional.of(DiskModel.VIRTIO_BLK), plan.spec().rootfs().map(RootFs::disk));
        assertEquals(null, plan.spec().initramfs());
        assertTrue(log.toString().contains("has no initramfs support (CONFIG_BLK_DEV_INITRD is not set"), log.toString());
        markedBootAddsUp(boot(plan.spec()), true);
    }

    @Test
    void everyCompressionBootsAndTheUncompressedKernelBootsDirectly() throws Exception {
        List<Compression> all = Arrays.stream(Compression.values()).toList();
        List<BuiltKernel> kernels = MarkedKernels.build(BuildConfig.small(), all);
        assertEquals(all, kernels.stream().map(BuiltKernel::compression).toList());
        for (BuiltKernel built : kernels) {
            boolean bootstrapLoader = built.compression() != Compression.NONE;
            markedBootAddsUp(boot(plan(MarkedKernels.asKernel(built), Machine.MICROVM, System.out).spec()), bootstrapLoader);
        }
    }

    @Test
    void aKernelWithoutAnInitPanicsAndTheBootEndsWithinSeconds() throws Exception {
        Kernel kernel = MarkedKernels.smallWithoutInitramfs();
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Path image = tmp.resolve("no-init.ext4");
        new ProcessExecutor("mkfs.ext4", "-q", "-F", "-d", empty.toString(), image.toString(), "16M").exitValueNormal()
                .timeout(1, TimeUnit.MINUTES).execute();
        BootException e = failsQuickly(VmSpec.builder(kernel, null).rootfs(new RootFs(image, DiskModel.VIRTIO_BLK)));
        assertTrue(e.getMessage().contains("Kernel panic - not syncing: Requested init /init failed (error -2)"), e.getMessage());
        assertTrue(e.getMessage().contains("the init program cannot run"), e.getMessage());
    }

    @Test
    void aRootDiskWithoutAFileSystemPanicsAndTheBootEndsWithinSeconds() throws Exception {
        Kernel kernel = MarkedKernels.smallWithoutInitramfs();
        Path image = tmp.resolve("blank.img");
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            file.setLength(16 << 20);
        }
        BootException e = failsQuickly(VmSpec.builder(kernel, null).rootfs(new RootFs(image, DiskModel.VIRTIO_BLK)));
        assertTrue(e.getMessage().contains("Kernel panic - not syncing: VFS: Unable to mount root fs"), e.getMessage());
    }

    @Test
    void aRootDiskThatNeverAppearsEndsTheBootWhenTheConsoleFallsSilent() throws Exception {
        // root= names a second disk that is not there: with rootwait the kernel waits for it for ever, saying nothing
        Kernel kernel = MarkedKernels.smallWithoutInitramfs().withCmdline("root=/dev/vdb");
        Path image = tmp.resolve("blank.img");
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            file.setLength(16 << 20);
        }
        VmSpec spec = VmSpec.builder(kernel, null).rootfs(new RootFs(image, DiskModel.VIRTIO_BLK)).machine(Machine.MICROVM).acpi(false)
                .accel(Accel.TCG).memoryMib(256).bootTimeout(Duration.ofSeconds(300)).build();
        long start = System.nanoTime();
        BootException e = assertThrows(BootException.class, () -> Vm.boot(spec).close());
        long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
        assertTrue(e.reason().startsWith("the guest's console and marker port have been silent for 60 s; the console's last line: "), e.reason());
        assertTrue(seconds >= 60 && seconds < 120, "ended after " + seconds + " s, not at the 300 s boot timeout");
    }

    /**
     * On microvm without ACPI, where a panic cannot end QEMU: the boot must fail from the console,
     * long before the boot timeout, and leave no QEMU behind.
     */
    private static BootException failsQuickly(VmSpec.Builder builder) {
        VmSpec spec = builder.machine(Machine.MICROVM).acpi(false).accel(Accel.TCG).memoryMib(256).bootTimeout(Duration.ofSeconds(300)).build();
        long start = System.nanoTime();
        BootException e = assertThrows(BootException.class, () -> Vm.boot(spec).close());
        long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
        assertTrue(seconds < 60, "the failure took " + seconds + " s to be seen: " + e.getMessage());
        assertTrue(e.getMessage().split("\n")[0].contains("Kernel panic"), "one-line cause first: " + e.getMessage());
        return e;
    }
}
