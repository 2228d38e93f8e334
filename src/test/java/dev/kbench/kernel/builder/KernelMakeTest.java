package dev.kbench.kernel.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KernelMakeTest {

    private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

    @Test
    void throughCcacheTheBaseIsTheFolderThatHoldsTreeAndBuild() {
        KernelMake make = new KernelMake(Path.of("/cache/bisect/ab12/src"), Path.of("/cache/bisect/ab12/build-cd34"), 2, QUIET)
                .withCompilerCache(Path.of("ccache"));
        assertEquals(Map.of("CCACHE_BASEDIR", "/cache/bisect/ab12"), make.environment());
    }

    @Test
    void withoutCcacheOrWithNothingInCommonTheEnvironmentIsLeftAlone() {
        assertEquals(Map.of(), new KernelMake(Path.of("/a/src"), Path.of("/a/build"), 1, QUIET).environment());
        assertEquals(Map.of(), new KernelMake(Path.of("/a/src"), Path.of("/b/build"), 1, QUIET).withCompilerCache(Path.of("ccache"))
                .environment());
    }
}
