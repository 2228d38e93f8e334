package dev.kbench.vm;

import java.util.List;
import java.util.Locale;

/**
 * How the root disk image is attached: the QEMU device, the name the guest kernel gives the
 * disk, and the drivers a modular kernel must load to see it. {@code VIRTIO_SCSI} is
 * lsm-perf's machine: its images boot with {@code root=/dev/sda}.
 */
public enum DiskModel {
    VIRTIO_SCSI("/dev/sda", List.of("virtio_scsi", "sd_mod")),
    VIRTIO_BLK("/dev/vda", List.of("virtio_blk")),
    NVME("/dev/nvme0n1", List.of("nvme"));

    private final String rootDevice;
    private final List<String> modules;

    DiskModel(String rootDevice, List<String> modules) {
        this.rootDevice = rootDevice;
        this.modules = modules;
    }

    public static DiskModel parse(String text) {
        for (DiskModel model : values()) {
            if (model.optionName().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return model;
            }
        }
        throw new IllegalArgumentException("unknown disk model '" + text + "': use virtio-scsi, virtio-blk or nvme");
    }

    /** As the command line spells it: {@code virtio-scsi}. */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The whole disk as the guest names it, for {@code root=}. */
    public String rootDevice() {
        return rootDevice;
    }

    /** The drivers a modular kernel needs, dependencies left to {@link dev.kbench.guest.KernelModules}. */
    public List<String> modules() {
        return modules;
    }

    /** QEMU's devices for the drive {@code driveId}. */
    List<String> qemuDevices(String driveId) {
        return switch (this) {
            case VIRTIO_SCSI -> List.of("-device", "virtio-scsi-pci,id=scsi0", "-device", "scsi-hd,bus=scsi0.0,drive=" + driveId);
            case VIRTIO_BLK -> List.of("-device", "virtio-blk-pci,drive=" + driveId);
            case NVME -> List.of("-device", "nvme,serial=kbench0,drive=" + driveId);
        };
    }
}
