package dev.kbench.plan;

import dev.kbench.KbenchException;
import dev.kbench.kernel.KconfigFile;
import dev.kbench.kernel.Kernel;
import dev.kbench.kernel.KernelConfigs;
import dev.kbench.vm.DiskModel;
import dev.kbench.vm.Machine;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a kernel must boot, decided from its configuration where kbench can read it
 * ({@link KernelConfigs}): a kernel without initramfs support boots kbench's agent as init from
 * an ext4 root on virtio-blk ({@code /dev/vda}); a kernel without ACPI boots with the machine's
 * ACPI off, on microvm so that QEMU announces its virtio-mmio devices on the command line
 * (Firecracker's way); a kernel without PCI whose root is on virtio-blk boots on microvm (Lupine's
 * configurations), since pc's virtio devices are on PCI.
 * A kernel whose configuration cannot be read says the same with {@code acpi=off} on its
 * command line (a variant's arguments) and {@code --rootfs virtio-blk}.
 *
 * @param reasons what was decided and why, one sentence each, for the boot's log
 */
record KernelShape(BootPlan.Shape shape, boolean acpi, List<String> reasons) {

    static KernelShape decide(Kernel kernel, BootPlan.Shape asked) throws KbenchException {
        Optional<KernelConfigs.Found> found = KernelConfigs.of(kernel.image());
        List<String> reasons = new ArrayList<>();
        BootPlan.Shape shape = asked;
        boolean acpi = !List.of(kernel.extraCmdline().split("\\s+")).contains("acpi=off");
        if (found.isPresent()) {
            KconfigFile config = found.get().config();
            String from = " (read from " + found.get().from() + ")";
            boolean withoutPci = config.find("PCI").map("n"::equals).orElse(false);
            if (!config.enabled("BLK_DEV_INITRD") && asked.rootfs().isEmpty()) {
                shape = new BootPlan.Shape(shape.machine(), Optional.of(DiskModel.VIRTIO_BLK));
                reasons.add("kernel " + kernel.name() + " has no initramfs support (CONFIG_BLK_DEV_INITRD is not set" + from
                        + "): kbench's agent boots as init from an ext4 root on virtio-blk (/dev/vda)");
            }
            if (shape.rootfs().isPresent()) {
                requireDriver(kernel, config, shape.rootfs().get(), from);
            }
            if (shape.machine() == Machine.PC && shape.rootfs().equals(Optional.of(DiskModel.VIRTIO_BLK)) && withoutPci) {
                // pc's virtio-blk is a PCI device: such a kernel would wait for its root for ever
                shape = new BootPlan.Shape(Machine.MICROVM, shape.rootfs());
                reasons.add("kernel " + kernel.name() + " has no PCI (CONFIG_PCI is not set" + from
                        + "): it boots on microvm, whose virtio-blk root is on virtio-mmio");
            }
            if (!config.enabled("ACPI")) {
                reasons.add(withoutAcpi(kernel, "has no ACPI (CONFIG_ACPI is not set" + from + ")", shape));
                acpi = false;
            } else if (!acpi) {
                reasons.add(withoutAcpi(kernel, "has acpi=off on its command line", shape));
            } else if (shape.machine() == Machine.MICROVM && withoutPci && config.enabled("VIRTIO_MMIO_CMDLINE_DEVICES")) {
                // Firecracker's kind of kernel: the suite's Lupine kernels fail on microvm's tables
                // ("Unable to load the System Description Tables") and find nothing without them
                reasons.add(withoutAcpi(kernel, "has no PCI and takes its virtio-mmio devices from the command line"
                        + " (CONFIG_PCI is not set, CONFIG_VIRTIO_MMIO_CMDLINE_DEVICES=y" + from + ")", shape));
                acpi = false;
            }
        } else if (!acpi) {
            reasons.add(withoutAcpi(kernel, "has acpi=off on its command line", shape));
        }
        return new KernelShape(shape, acpi, List.copyOf(reasons));
    }

    private static String withoutAcpi(Kernel kernel, String why, BootPlan.Shape shape) {
        return "kernel " + kernel.name() + " " + why + ": " + shape.machine().qemuName() + " boots with acpi=off"
                + (shape.machine() == Machine.MICROVM ? " and QEMU announces its virtio-mmio devices on the command line" : "");
    }

    /** A built-in kernel (no modules) that lacks the root disk's driver would wait for its root for ever: say so now. */
    private static void requireDriver(Kernel kernel, KconfigFile config, DiskModel disk, String from) throws KbenchException {
        if (kernel.modules().isPresent() || !config.find("MODULES").map("n"::equals).orElse(true)) {
            return;
        }
        String symbol = switch (disk) {
            case VIRTIO_BLK -> "VIRTIO_BLK";
            case NVME -> "BLK_DEV_NVME";
            case VIRTIO_SCSI -> "SCSI_VIRTIO";
        };
        if (!config.enabled(symbol)) {
            throw new KbenchException(KbenchException.Kind.BAD_INPUT, "kernel " + kernel.name() + " cannot see a root disk on "
                    + disk.optionName() + " (CONFIG_" + symbol + " is not set" + from + "): choose another --rootfs, e.g. virtio-blk");
        }
    }
}
