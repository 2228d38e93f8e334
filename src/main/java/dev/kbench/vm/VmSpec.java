package dev.kbench.vm;

import dev.kbench.kernel.Kernel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything that decides how one VM boots. Build it with {@link #builder(Kernel, Path)}:
 *
 * <pre>{@code
 * VmSpec spec = VmSpec.builder(kernel, initramfs).memoryMib(512).accel(Accel.TCG).build();
 * }</pre>
 */
public record VmSpec(Kernel kernel, Path initramfs, int memoryMib, int cpus, Accel accel, Duration bootTimeout,
        String qemuBinary) {

    public VmSpec {
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(initramfs, "initramfs");
        if (memoryMib < 64) {
            throw new IllegalArgumentException("memory of " + memoryMib + " MiB is too small to boot Linux");
        }
        if (cpus < 1) {
            throw new IllegalArgumentException("a VM needs at least one CPU");
        }
    }

    public static Builder builder(Kernel kernel, Path initramfs) {
        return new Builder(kernel, initramfs);
    }

    public Builder toBuilder() {
        return new Builder(kernel, initramfs).memoryMib(memoryMib).cpus(cpus).accel(accel).bootTimeout(bootTimeout)
                .qemuBinary(qemuBinary);
    }

    public static final class Builder {
        private final Kernel kernel;
        private final Path initramfs;
        private int memoryMib = 512;
        private int cpus = 2;
        private Accel accel = Accel.AUTO;
        private Duration bootTimeout = Duration.ofSeconds(120);
        private String qemuBinary = "qemu-system-x86_64";

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

        public VmSpec build() {
            return new VmSpec(kernel, initramfs, memoryMib, cpus, accel, bootTimeout, qemuBinary);
        }
    }
}
