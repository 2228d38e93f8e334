package dev.kbench.vm;

import dev.kbench.count.Counting;
import dev.kbench.kernel.Kernel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything that decides how one VM boots. Build it with {@link #builder(Kernel, Path)}:
 *
 * <pre>{@code
 * VmSpec spec = VmSpec.builder(kernel, initramfs).memoryMib(512).accel(Accel.TCG).build();
 * }</pre>
 *
 * With a {@link DiskImage} the guest boots the image as its root file system, with user
 * networking forwarding a free loopback port to its SSH port and a virtio-rng; the initramfs
 * is then optional ({@code null}: the kernel mounts the disk itself, as lsm-perf boots).
 */
public record VmSpec(Kernel kernel, Path initramfs, int memoryMib, int cpus, Accel accel, Duration bootTimeout,
        String qemuBinary, Optional<DiskImage> disk, Machine machine, Optional<RootFs> rootfs, Optional<Path> failureDir, boolean acpi,
        Optional<Counting> counting) {

    public VmSpec {
        Objects.requireNonNull(failureDir, "failureDir");
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(disk, "disk");
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(rootfs, "rootfs");
        Objects.requireNonNull(counting, "counting");
        if (counting.isPresent() && accel == Accel.KVM) {
            throw new IllegalArgumentException("kernel " + kernel.name() + ": instructions are counted only under --accel tcg or icount"
                    + " (under KVM the guest's instructions run on the host's CPU, unseen by QEMU)");
        }
        if (initramfs == null && disk.isEmpty() && rootfs.isEmpty()) {
            throw new IllegalArgumentException("a VM needs an initramfs, a root file system or a disk image to boot");
        }
        if (memoryMib < 64) {
            throw new IllegalArgumentException("memory of " + memoryMib + " MiB is too small to boot Linux");
        }
        if (cpus < 1) {
            throw new IllegalArgumentException("a VM needs at least one CPU");
        }
        if (machine == Machine.MICROVM && !acpi && rootfs.map(fs -> fs.disk() == DiskModel.NVME).orElse(false)) {
            // QEMU 7.2: "No 'PCI' bus found for device 'nvme'" (microvm's PCIe host exists only with ACPI)
            throw new IllegalArgumentException("kernel " + kernel.name() + " has no ACPI, and microvm without ACPI has no PCIe for"
                    + " an NVMe root disk: use --rootfs virtio-blk");
        }
    }

    /** The QEMU kbench runs unless told otherwise. */
    public static final String DEFAULT_QEMU_BINARY = "qemu-system-x86_64";

    public static Builder builder(Kernel kernel, Path initramfs) {
        return new Builder(kernel, initramfs);
    }

    /** A disk-image boot; {@code initramfs} may be null (see above). */
    public static Builder builder(Kernel kernel, Path initramfs, DiskImage disk) {
        return new Builder(kernel, initramfs).disk(disk);
    }

    public Builder toBuilder() {
        return new Builder(kernel, initramfs).memoryMib(memoryMib).cpus(cpus).accel(accel).bootTimeout(bootTimeout)
                .qemuBinary(qemuBinary).disk(disk.orElse(null)).machine(machine).rootfs(rootfs.orElse(null))
                .failureDir(failureDir.orElse(null)).acpi(acpi).counting(counting.orElse(null));
    }

    public static final class Builder {
        private final Kernel kernel;
        private final Path initramfs;
        private int memoryMib = 512;
        private int cpus = 2;
        private Accel accel = Accel.AUTO;
        private Duration bootTimeout = Duration.ofSeconds(120);
        private String qemuBinary = DEFAULT_QEMU_BINARY;
        private DiskImage disk;
        private Machine machine = Machine.PC;
        private RootFs rootfs;
        private Path failureDir;
        private boolean acpi = true;
        private Counting counting;

        private Builder(Kernel kernel, Path initramfs) {
            this.kernel = kernel;
            this.initramfs = initramfs;
        }

        public Builder memoryMib(int mib) {
            this.memoryMib = mib;
            return this;
        }

        public Builder cpus(int count) {
            this.cpus = count;
            return this;
        }

        public Builder accel(Accel value) {
            this.accel = value;
            return this;
        }

        /** How long the guest may take from QEMU's start until its agent answers. */
        public Builder bootTimeout(Duration timeout) {
            this.bootTimeout = timeout;
            return this;
        }

        public Builder qemuBinary(String binary) {
            this.qemuBinary = binary;
            return this;
        }

        /** The disk image to boot as root, or null for none. */
        public Builder disk(DiskImage image) {
            this.disk = image;
            return this;
        }

        public Builder machine(Machine model) {
            this.machine = model;
            return this;
        }

        /** Boots kbench's guest from this root file system (and no initramfs), or null for none. */
        public Builder rootfs(RootFs fs) {
            this.rootfs = fs;
            return this;
        }

        /**
         * Where a failed boot leaves its evidence ({@link BootEvidence}: the console and QEMU's
         * state, asked before QEMU is killed), or null to keep none. Created when first needed.
         */
        public Builder failureDir(Path folder) {
            this.failureDir = folder;
            return this;
        }

        /**
         * Whether the machine offers ACPI tables (the default). A kernel built without ACPI boots
         * with it off; on microvm QEMU then announces the virtio-mmio devices on the kernel's
         * command line ({@code virtio_mmio.device=...}), as Firecracker does. Such a guest cannot
         * power itself off: closing the VM stops QEMU at once.
         */
        public Builder acpi(boolean on) {
            this.acpi = on;
            return this;
        }

        /**
         * Counts the guest's instructions with kbench's TCG plugin (TCG or icount only), or null
         * not to. TCG then runs one thread for all vCPUs, so the plugin's one counter is exact.
         */
        public Builder counting(Counting value) {
            this.counting = value;
            return this;
        }

        public VmSpec build() {
            return new VmSpec(kernel, rootfs != null ? null : initramfs, memoryMib, cpus, accel, bootTimeout, qemuBinary,
                    Optional.ofNullable(disk), machine, Optional.ofNullable(rootfs), Optional.ofNullable(failureDir), acpi,
                    Optional.ofNullable(counting));
        }
    }
}
