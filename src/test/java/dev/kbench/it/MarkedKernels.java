package dev.kbench.it;

import dev.kbench.CacheDirectory;
import dev.kbench.kernel.Kernel;
import dev.kbench.kernel.builder.BuildConfig;
import dev.kbench.kernel.builder.BuiltKernel;
import dev.kbench.kernel.builder.Compression;
import dev.kbench.kernel.builder.Kaslr;
import dev.kbench.kernel.builder.KernelBuilder;
import dev.kbench.kernel.builder.KernelSource;
import java.io.IOException;
import java.util.List;

/**
 * The marked kernels the integration tests boot, built by kbench from Debian's linux-source-6.1
 * on first use and cached (a fresh machine builds them once; docs/kernels.md gives the time).
 */
final class MarkedKernels {

    private MarkedKernels() {
    }

    static List<BuiltKernel> build(BuildConfig config, List<Compression> compressions) throws IOException {
        return build(config, compressions, Kaslr.KASLR);
    }

    static List<BuiltKernel> build(BuildConfig config, List<Compression> compressions, Kaslr kaslr) throws IOException {
        return new KernelBuilder(CacheDirectory.fromEnvironment(), System.out)
                .build(new KernelBuilder.Request(KernelSource.debian(), config, compressions, List.of(kaslr),
                        Runtime.getRuntime().availableProcessors()));
    }

    static Kernel small(Compression compression) throws IOException {
        return asKernel(build(BuildConfig.small(), List.of(compression)).get(0));
    }

    static Kernel smallWithoutInitramfs() throws IOException {
        return asKernel(build(BuildConfig.smallWithoutInitramfs(), List.of(Compression.GZIP)).get(0));
    }

    static Kernel asKernel(BuiltKernel built) {
        return new Kernel(built.name(), built.image(), "", java.util.Optional.empty());
    }
}
