package dev.kbench.it;

import dev.kbench.CacheDirectory;
import dev.kbench.kernel.DebianKernelPackage;
import dev.kbench.kernel.Kernel;
import java.io.IOException;

/** The kernel the integration tests boot: the pinned Debian cloud kernel, fetched on first use. */
final class TestKernel {

    private TestKernel() {
    }

    static Kernel debianCloud() throws IOException {
        CacheDirectory cache = CacheDirectory.fromEnvironment();
        return new DebianKernelPackage(cache.folder("kernels"), System.out).defaultKernel();
    }
}
