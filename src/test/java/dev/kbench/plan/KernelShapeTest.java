package dev.kbench.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.KbenchException;
import dev.kbench.kernel.Kernel;
import dev.kbench.vm.DiskModel;
import dev.kbench.vm.Machine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelShapeTest {

    @TempDir
    Path tmp;

    private Kernel kernel(String config) throws Exception {
        Path image = Files.write(tmp.resolve("bzImage-k"), new byte[4096]);
        if (config != null) {
            Files.writeString(tmp.resolve("bzImage-k.config"), config);
        }
        return new Kernel("k", image, "", Optional.empty());
    }

    private static final BootPlan.Shape MICROVM = new BootPlan.Shape(Machine.MICROVM, Optional.empty());

    @Test
    void aFirecrackerStyleKernelGetsAVirtioBlkRootAndNoAcpiAndSaysWhy() throws Exception {
        KernelShape shape = KernelShape.decide(kernel("# CONFIG_MODULES is not set\n# CONFIG_ACPI is not set\n"
                + "# CONFIG_BLK_DEV_INITRD is not set\nCONFIG_VIRTIO_BLK=y\n"), MICROVM);
        assertEquals(Optional.of(DiskModel.VIRTIO_BLK), shape.shape().rootfs());
        assertFalse(shape.acpi());
        assertEquals(2, shape.reasons().size(), shape.reasons().toString());
        assertTrue(shape.reasons().get(0).contains("CONFIG_BLK_DEV_INITRD is not set (read from " + tmp.resolve("bzImage-k.config")));
    }

    @Test
    void aKernelWithInitramfsAndAcpiIsLeftAsAsked() throws Exception {
        KernelShape shape = KernelShape.decide(kernel("CONFIG_ACPI=y\nCONFIG_BLK_DEV_INITRD=y\n"), MICROVM);
        assertEquals(MICROVM, shape.shape());
        assertTrue(shape.acpi());
        assertEquals(List.of(), shape.reasons());
    }

    @Test
    void withoutAConfigAcpiOffOnTheCommandLineSaysIt() throws Exception {
        Kernel kernel = kernel(null).withCmdline("acpi=off");
        KernelShape shape = KernelShape.decide(kernel, MICROVM);
        assertFalse(shape.acpi());
        assertTrue(KernelShape.decide(kernel(null), MICROVM).acpi());
    }

    @Test
    void aRootDiskTheKernelCannotSeeIsRefusedAtOnce() throws Exception {
        Kernel kernel = kernel("# CONFIG_MODULES is not set\n# CONFIG_BLK_DEV_NVME is not set\nCONFIG_BLK_DEV_INITRD=y\n");
        KbenchException e = assertThrows(KbenchException.class,
                () -> KernelShape.decide(kernel, new BootPlan.Shape(Machine.PC, Optional.of(DiskModel.NVME))));
        assertEquals("kernel k cannot see a root disk on nvme (CONFIG_BLK_DEV_NVME is not set (read from " + tmp.resolve("bzImage-k.config")
                + ")): choose another --rootfs, e.g. virtio-blk", e.getMessage());
    }

    @Test
    void aKernelWithoutPciOrInitramfsBootsOnMicrovmEvenWhereThePcMachineWasTheDefault() throws Exception {
        Kernel lupine = kernel("CONFIG_ACPI=y\n# CONFIG_PCI is not set\n# CONFIG_MODULES is not set\n# CONFIG_BLK_DEV_INITRD is not set\n"
                + "CONFIG_VIRTIO_BLK=y\n").withCmdline("acpi=off");
        KernelShape shape = KernelShape.decide(lupine, BootPlan.Shape.DEFAULT);
        assertEquals(new BootPlan.Shape(Machine.MICROVM, Optional.of(DiskModel.VIRTIO_BLK)), shape.shape());
        assertFalse(shape.acpi());
        assertTrue(shape.reasons().get(1).startsWith("kernel k has no PCI (CONFIG_PCI is not set (read from "), shape.reasons().toString());
        // its configuration has ACPI: the command line turned it off, and the reason says so
        assertEquals("kernel k has acpi=off on its command line: microvm boots with acpi=off and QEMU announces its virtio-mmio devices"
                + " on the command line", shape.reasons().get(2));
        // with initramfs support nothing needs a disk: pc stays pc (its agent answers on ttyS1)
        Kernel withInitramfs = kernel("# CONFIG_PCI is not set\nCONFIG_BLK_DEV_INITRD=y\n");
        assertEquals(BootPlan.Shape.DEFAULT, KernelShape.decide(withInitramfs, BootPlan.Shape.DEFAULT).shape());
    }

    @Test
    void aLupineKernelWhoseConfigurationIsReadBootsMicrovmWithoutAcpiByItself() throws Exception {
        Kernel lupine = kernel("CONFIG_ACPI=y\n# CONFIG_PCI is not set\n# CONFIG_MODULES is not set\n# CONFIG_BLK_DEV_INITRD is not set\n"
                + "CONFIG_VIRTIO_BLK=y\nCONFIG_VIRTIO_MMIO=y\nCONFIG_VIRTIO_MMIO_CMDLINE_DEVICES=y\n");
        KernelShape shape = KernelShape.decide(lupine, BootPlan.Shape.DEFAULT);
        assertEquals(Machine.MICROVM, shape.shape().machine());
        assertFalse(shape.acpi());
        assertTrue(shape.reasons().get(2).startsWith("kernel k has no PCI and takes its virtio-mmio devices from the command line"
                + " (CONFIG_PCI is not set, CONFIG_VIRTIO_MMIO_CMDLINE_DEVICES=y (read from "), shape.reasons().toString());
        // a kernel that can only find its devices in the tables keeps them
        Kernel tablesOnly = kernel("CONFIG_ACPI=y\n# CONFIG_PCI is not set\nCONFIG_BLK_DEV_INITRD=y\nCONFIG_VIRTIO_MMIO=y\n");
        assertTrue(KernelShape.decide(tablesOnly, MICROVM).acpi());
    }
}
