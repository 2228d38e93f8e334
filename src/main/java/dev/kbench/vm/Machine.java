package dev.kbench.vm;

import java.util.Locale;

/**
 * QEMU's machine model. {@code pc} has PCI, where kbench's virtio devices sit by default;
 * {@code microvm} (Firecracker-like, fast to boot) has no PCI unless asked: its virtio
 * devices sit on virtio-mmio, which Debian's kernels have as the module {@code virtio_mmio}.
 */
public enum Machine {
    PC, MICROVM;

    public static Machine parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown machine '" + text + "': use pc or microvm");
        }
    }

    public String qemuName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The QEMU device of a virtio device {@code kind} (e.g. "virtio-blk") on this machine's bus. */
    String virtioDevice(String kind) {
        return kind + (this == MICROVM ? "-device" : "-pci");
    }
}
