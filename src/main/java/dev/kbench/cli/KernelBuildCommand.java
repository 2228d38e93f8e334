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
import picocli.CommandLine.Mixin;
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

    @Mixin
    BuildConfigOption build;

    @Option(names = "--compression", split = ",", defaultValue = "gzip", paramLabel = "SCHEME",
            description = "gzip, xz, lzma, bzip2, lzo, lz4, zstd, or none (the uncompressed vmlinux, booted directly by PVH); several with commas (default: ${DEFAULT-VALUE})")
    List<Compression> compressions;

    @Option(names = "--kaslr", split = ",", defaultValue = "kaslr", paramLabel = "kaslr|nokaslr",
            description = "Built with CONFIG_RANDOMIZE_BASE (kaslr) or without (nokaslr); both with a comma (default: ${DEFAULT-VALUE})")
    List<Kaslr> kaslrs;

    @Override
    public Integer call() throws IOException {
        KernelBuilder.Request request = new KernelBuilder.Request(KernelSource.parse(source), BuildConfig.parse(build.config),
                compressions, kaslrs, build.makeJobs());
        List<BuiltKernel> built = new KernelBuilder(parent.kbench.settings().cache(), System.err).build(request);
        for (BuiltKernel kernel : built) {
            System.out.println(kernel.name() + " = " + kernel.image());
        }
        System.out.println("# variants file: " + built.get(0).image().resolveSibling("variants.conf"));
        return 0;
    }
}
