package dev.kbench.cli;

import picocli.CommandLine.Option;

/** {@code --config} and {@code -j}: how kbench builds a kernel from source (kbench kernel build, kbench bisect). */
final class BuildConfigOption {

    @Option(names = "--config", defaultValue = "small", paramLabel = "small|small-noinitrd|FILE",
            description = "small: tinyconfig plus what kbench's guest needs (no ACPI, no modules, virtio on PCI and virtio-mmio, virtio-blk, ext4, initramfs support);"
                    + " small-noinitrd: the same without initramfs support; or a .config file of yours, e.g. Firecracker's microvm config (default: ${DEFAULT-VALUE})")
    String config;

    @Option(names = {"-j", "--make-jobs"}, paramLabel = "N", description = "make's jobs. Default: the host's CPUs.")
    Integer jobs;

    int makeJobs() {
        return jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
    }
}
