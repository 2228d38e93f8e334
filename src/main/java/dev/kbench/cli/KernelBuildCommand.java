package dev.kbench.cli;

import dev.kbench.kernel.builder.BuildConfig;
import dev.kbench.kernel.builder.BuiltKernel;
import dev.kbench.kernel.builder.Compression;
import dev.kbench.kernel.builder.Kaslr;
import dev.kbench.kernel.builder.KernelBuilder;
import dev.kbench.kernel.builder.KernelSource;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code kbench kernel build}: marked kernels from source, cached by source, configuration and patch. */
@Command(name = "build", mixinStandardHelpOptions = true,
        description = {"Builds kernels that write the (FG)KASLR suite's boot markers to port 0xf4: the source patched with kbench's marker patch,",
            "one kernel per compression and KASLR variant, at low priority, cached under the kbench cache (built-kernels/).",
            "Prints 'name = image' per kernel and the variants file naming them all (for kbench boot --variants)."})
final class KernelBuildCommand implements Callable<Integer> {

    @ParentCommand
    KernelCommand parent;

    @Option(names = "--source", defaultValue = "debian", paramLabel = "debian|DIR|TARBALL",
            description = "A Linux tree, a tarball of one, or debian: Debian's linux-source package (/usr/src/linux-source-6.1.tar.xz) (default: ${DEFAULT-VALUE})")
    String source;

    @Option(names = "--config", defaultValue = "small", paramLabel = "small|small-noinitrd|FILE",
            description = "small: tinyconfig plus what kbench's guest needs (no ACPI, no modules, virtio on PCI and virtio-mmio, virtio-blk, ext4, initramfs support);"
                    + " small-noinitrd: the same without initramfs support; or a .config file of yours, e.g. Firecracker's microvm config (default: ${DEFAULT-VALUE})")
    String config;

    @Option(names = "--compression", split = ",", defaultValue = "gzip", paramLabel = "SCHEME",
            description = "gzip, xz, lzma, bzip2, lzo, lz4, zstd, or none (the uncompressed vmlinux, booted directly by PVH); several with commas (default: ${DEFAULT-VALUE})")
    List<Compression> compressions;

    @Option(names = "--kaslr", split = ",", defaultValue = "kaslr", paramLabel = "kaslr|nokaslr",
            description = "Built with CONFIG_RANDOMIZE_BASE (kaslr) or without (nokaslr); both with a comma (default: ${DEFAULT-VALUE})")
    List<Kaslr> kaslrs;

    @Option(names = {"-j", "--make-jobs"}, paramLabel = "N", description = "make's jobs. Default: the host's CPUs.")
    Integer jobs;

    @Override
    public Integer call() throws IOException {
        int makeJobs = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
        KernelBuilder.Request request = new KernelBuilder.Request(KernelSource.parse(source), BuildConfig.parse(config),
                compressions, kaslrs, makeJobs);
        List<BuiltKernel> built = new KernelBuilder(parent.kbench.settings().cache(), System.err).build(request);
        for (BuiltKernel kernel : built) {
            System.out.println(kernel.name() + " = " + kernel.image());
        }
        System.out.println("# variants file: " + built.get(0).image().resolveSibling("variants.conf"));
        return 0;
    }
}
