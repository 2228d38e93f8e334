package dev.kbench.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.Settings;
import dev.kbench.boot.BootLog;
import dev.kbench.boot.BootRecord;
import dev.kbench.guest.RunRequest;
import dev.kbench.guest.RunResult;
import dev.kbench.kernel.Kernel;
import dev.kbench.kernel.builder.BuildConfig;
import dev.kbench.kernel.builder.Compression;
import dev.kbench.kernel.builder.Kaslr;
import dev.kbench.plan.BootPlan;
import dev.kbench.plan.GuestSettings;
import dev.kbench.vm.Accel;
import dev.kbench.vm.DiskModel;
import dev.kbench.vm.Machine;
import dev.kbench.vm.Vm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The (FG)KASLR suite's Lupine configuration (configs/lupine: no devtmpfs, sysfs, signalfd,
 * virtio console or initramfs support, one UART), built on Debian's 6.1 and booted for real
 * under TCG on microvm from kbench's ext4 root on virtio-blk: to a measured init, then serving a
 * run with the console as the agent's channel; and with initramfs support added, from kbench's
 * initramfs. Each kernel is built once into the test cache (about 10 min each at first).
 */
class MinimalKernelIT {

    private static final Path LUPINE = Path.of("configs/lupine/lupine4-nokaslr.config").toAbsolutePath();

    @TempDir
    Path tmp;

    @AfterEach
    void noQemuIsLeftRunning() {
        assertEquals(List.of(), QemuProcesses.ours());
    }

    private static Kernel build(BuildConfig config) throws Exception {
        return MarkedKernels.asKernel(MarkedKernels.build(config, List.of(Compression.GZIP), Kaslr.NOKASLR).get(0));
    }

    private static Kernel lupine() throws Exception {
        return build(BuildConfig.parse(LUPINE.toString()));
    }

    private static Kernel lupineWithInitramfs() throws Exception {
        return build(new BuildConfig("lupine4-nokaslr-initrd", Optional.of(LUPINE), Map.of("BLK_DEV_INITRD", "y")));
    }

    /** {@code kbench boot} of {@code kernel} once with {@code args}: its boot log's one measured boot. */
    private BootRecord bootOnce(String kernel, String... args) throws Exception {
        List<String> lines = new ArrayList<>();
        assertEquals(0, KbenchProcess.run(tmp, lines, boot(kernel, args)), lines.toString());
        List<BootRecord> boots = BootLog.read(tmp.resolve("b.boots.jsonl")).stream().filter(BootRecord::measured).toList();
        assertEquals(1, boots.size(), lines.toString());
        return boots.get(0);
    }

    private static String[] boot(String kernel, String... args) {
        List<String> all = new ArrayList<>(List.of("boot", "-k", kernel, "--boots", "1", "--accel", "tcg", "-o", "b"));
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    /** The image alone, as a user hands over a bzImage: no configuration beside it, none inside (no IKCONFIG). */
    private Path imageAlone(Kernel kernel) throws Exception {
        return Files.copy(kernel.image(), Files.createDirectories(tmp.resolve("given")).resolve("bzImage"));
    }

    /** The kernel's own markers up to init, and the agent's: the boot is measured to init and to ready. */
    private static void measuredToInit(BootRecord boot) {
        Map<String, Double> phases = boot.phases();
        for (String phase : List.of("in_monitor", "to_init", "init_to_ready", "to_ready", "guest")) {
            assertTrue(phases.getOrDefault(phase, 0.0) > 0, phase + " in " + phases);
        }
        assertEquals("tcg", boot.setting().get("accel"));
    }

    @Test
    void lupineGivenAsABzImageWithAcpiOffOnItsVariantLineBootsFromVirtioBlkToAMeasuredInit() throws Exception {
        Path variants = Files.writeString(tmp.resolve("variants.conf"), "lupine = " + imageAlone(lupine()) + " acpi=off\n");
        BootRecord boot = bootOnce("lupine", "--variants", variants.toString(), "--machine", "microvm", "--rootfs", "virtio-blk");
        measuredToInit(boot);
        assertEquals(Map.of("machine", "microvm", "rootfs", "virtio-blk", "acpi", "off"), Map.of("machine", boot.setting().get("machine"),
                "rootfs", boot.setting().get("rootfs"), "acpi", boot.setting().get("acpi")), boot.setting().toString());
    }

    @Test
    void lupineAsBuiltBootsWithNoOptionsItsConfigurationDecidesMicrovmVirtioBlkAndNoAcpi() throws Exception {
        BootRecord boot = bootOnce(lupine().image().toString());
        measuredToInit(boot);
        assertEquals("microvm", boot.setting().get("machine"), boot.setting().toString());
        assertEquals("virtio-blk", boot.setting().get("rootfs"), boot.setting().toString());
        assertEquals("off", boot.setting().get("acpi"), boot.setting().toString());
    }

    @Test
    void withoutAcpiOffTheBootEndsOnTheAcpiTableFailureWithTheRemedy() throws Exception {
        Path image = imageAlone(lupine());
        List<String> lines = new ArrayList<>();
        int status = KbenchProcess.run(tmp, lines, boot(image.toString(), "--machine", "microvm", "--rootfs", "virtio-blk"));
        String output = String.join("\n", lines);
        assertTrue(status != 0 && output.contains("the kernel cannot use QEMU's ACPI tables (console: ACPI: Unable to load the System"
                + " Description Tables)") && output.contains("add acpi=off to its variant line"), output);
    }

    @Test
    void onLupineTheAgentServesAGetppidRunOnTheConsole() throws Exception {
        GuestSettings settings = GuestSettings.from(Settings.fromEnvironment());
        BootPlan plan = BootPlan.builder(settings, lupine()).shape(new BootPlan.Shape(Machine.MICROVM, Optional.of(DiskModel.VIRTIO_BLK)))
                .accel(Accel.TCG).memoryMib(256).contents(image -> image.workloads(List.of("getppid"))).prepare();
        try (Vm vm = Vm.boot(plan.spec())) {
            assertEquals("console", vm.channel(), "no virtio console, no ttyS1: the console is the channel");
            RunResult result = vm.agent().run(RunRequest.of("/bin/getppid", "1000"), Duration.ofSeconds(60));
            assertTrue(result.succeeded() && Long.parseLong(result.stdout().strip()) > 0, result.toString());
            String console = vm.consoleText();
            // each missing option said in one line, and nothing of the agent's after the hand-over
            for (String said : List.of("no devtmpfs (CONFIG_DEVTMPFS): made /dev's nodes on a ramfs", "no sysfs (CONFIG_SYSFS)",
                    "serving on the console from here on\n[kbench: from here the console carries")) {
                assertTrue(console.contains(said), said + " in:\n" + console);
            }
        }
    }

    @Test
    void lupineWithInitramfsSupportBootsKbenchsInitramfsToAMeasuredInit() throws Exception {
        BootRecord boot = bootOnce(lupineWithInitramfs().image().toString(), "--machine", "microvm");
        measuredToInit(boot);
        assertEquals(null, boot.setting().get("rootfs"), "an initramfs boot: " + boot.setting());
    }
}
