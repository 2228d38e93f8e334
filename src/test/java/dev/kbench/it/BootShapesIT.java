package dev.kbench.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.CacheDirectory;
import dev.kbench.boot.BootPhases;
import dev.kbench.guest.GuestImage;
import dev.kbench.kernel.Kernel;
import dev.kbench.kernel.VmlinuxExtractor;
import dev.kbench.vm.Accel;
import dev.kbench.vm.DiskModel;
import dev.kbench.vm.Machine;
import dev.kbench.vm.Marker;
import dev.kbench.vm.RootFs;
import dev.kbench.vm.Vm;
import dev.kbench.vm.VmSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ways a kernel boots: microvm, an ext4 root file system instead of an initramfs, a direct PVH boot of vmlinux. */
class BootShapesIT {

    @TempDir
    Path tmp;

    @AfterEach
    void noQemuIsLeftRunning() {
        assertEquals(List.of(), QemuProcesses.ours());
    }

    private static GuestImage image() throws Exception {
        return new GuestImage(CacheDirectory.fromEnvironment().folder("initramfs"));
    }

    /** The agent answered and both of its markers arrived, in order, before the host heard it. */
    private static void bootsToReady(VmSpec spec) throws Exception {
        try (Vm vm = Vm.boot(spec.toBuilder().accel(Accel.TCG).build())) {
            assertEquals(List.of(Marker.INIT_START, Marker.AGENT_READY), vm.markersOnceReady(Duration.ofSeconds(5)).stream().map(Marker::value).toList());
            // the marker and the agent's answer arrive on two sockets read by two threads: compare
            // with the host's time once both are in, not with the moment the answer was seen
            double hostMicros = vm.sinceStart().toNanos() / 1000.0;
            Map<String, Double> phases = BootPhases.of(vm.markers(), vm.vmmStartup());
            assertTrue(phases.get("to_ready") > 0 && phases.get("to_ready") <= hostMicros, phases + " vs " + hostMicros);
        }
    }

    @Test
    void microvmWithVirtioMmio() throws Exception {
        Kernel kernel = TestKernel.debianCloud();
        Path initramfs = image().modules(List.of("virtio_mmio")).buildFor(kernel);
        bootsToReady(VmSpec.builder(kernel, initramfs).machine(Machine.MICROVM).build());
    }

    @Test
    void anExt4RootFileSystemOnNvmeWithNoInitramfs() throws Exception {
        Kernel kernel = TestKernel.debianCloud();
        RootFs rootfs = new RootFs(image().buildRootfs(kernel), DiskModel.NVME);
        VmSpec spec = VmSpec.builder(kernel, null).rootfs(rootfs).build();
        assertEquals(null, spec.initramfs());
        bootsToReady(spec);
    }

    @Test
    void theUncompressedVmlinuxBootsByPvh() throws Exception {
        Kernel bzImage = TestKernel.debianCloud();
        Path vmlinux = VmlinuxExtractor.extract(bzImage.image(), tmp.resolve("vmlinux"));
        Kernel direct = new Kernel("vmlinux", vmlinux, "", bzImage.modules());
        bootsToReady(VmSpec.builder(direct, image().buildFor(direct)).build());
    }
}
