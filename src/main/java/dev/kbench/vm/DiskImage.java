package dev.kbench.vm;

import dev.kbench.KbenchException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * A user's disk image booted as the root file system, lsm-perf's way: the image, how its disk
 * and network card are attached, and whether the guest's writes reach the file. By default
 * they do not ({@code snapshot=on}: QEMU keeps them in a temporary overlay), so the image
 * stays as the user made it and two runs may boot it at once.
 */
public record DiskImage(Path path, String format, DiskModel disk, NetModel net, boolean persistent) {

    private static final byte[] QCOW2_MAGIC = {'Q', 'F', 'I', (byte) 0xfb};

    public DiskImage {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(disk, "disk");
        Objects.requireNonNull(net, "net");
    }

    /** The image at {@code path} (raw or qcow2, read from its header) on virtio-scsi with an e1000, as lsm-perf boots it. */
    public static DiskImage of(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new KbenchException(KbenchException.Kind.BAD_INPUT, "disk image not found: " + path);
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(path)) {
            head = in.readNBytes(QCOW2_MAGIC.length);
        }
        // QEMU restricts writes to block 0 of a raw image whose format it had to guess, and warns
        String format = Arrays.equals(head, QCOW2_MAGIC) ? "qcow2" : "raw";
        return new DiskImage(path.toAbsolutePath(), format, DiskModel.VIRTIO_SCSI, NetModel.E1000, false);
    }

    public DiskImage disk(DiskModel model) {
        return new DiskImage(path, format, model, net, persistent);
    }

    public DiskImage net(NetModel model) {
        return new DiskImage(path, format, disk, model, persistent);
    }

    /** Whether the guest's writes are kept in the image file (off by default). */
    public DiskImage persistent(boolean keepWrites) {
        return new DiskImage(path, format, disk, net, keepWrites);
    }

    /** lsm-perf's root parameters; {@code initrd} adds the switch that makes kbench's initramfs mount the disk. */
    String kernelParams(boolean initrd) {
        return "root=" + disk.rootDevice() + " rw nokaslr" + (initrd ? " kbench.mode=initrd" : "");
    }
}
