package dev.kbench.vm;

import java.nio.file.Path;

/**
 * An ext4 image kbench made with its guest agent as {@code /init}, booted as the root file
 * system instead of an initramfs: for kernels built without initramfs support (minimal VM
 * kernels such as Firecracker's), and for comparing the two. The disk must be one the kernel
 * can read without modules: Debian's cloud kernel has NVMe built in, virtio-blk as a module.
 */
public record RootFs(Path image, DiskModel disk) {

    public RootFs {
        if (disk == DiskModel.VIRTIO_SCSI) {
            throw new IllegalArgumentException("a kbench root file system goes on virtio-blk or nvme, not virtio-scsi");
        }
    }

    String kernelParams() {
        return "root=" + disk.rootDevice() + " rw rootwait init=/init";
    }
}
