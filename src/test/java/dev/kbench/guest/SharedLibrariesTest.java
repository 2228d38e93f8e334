package dev.kbench.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SharedLibrariesTest {

    private static final Path TEST_PROGRAMS = Path.of("target/test-classes/guest-test");

    @Test
    void aDynamicProgramNeedsItsLoaderAndLibraries() throws IOException {
        List<Path> libraries = SharedLibraries.of(TEST_PROGRAMS.resolve("dyn_answer"));
        List<String> names = libraries.stream().map(p -> p.getFileName().toString()).toList();
        assertTrue(names.contains("libm.so.6"), names.toString());
        assertTrue(names.contains("libc.so.6"), names.toString());
        assertTrue(names.stream().anyMatch(n -> n.startsWith("ld-linux")), "the ELF interpreter: " + names);
        assertTrue(libraries.stream().allMatch(Path::isAbsolute));
    }

    @Test
    void aStaticProgramNeedsNone() throws IOException {
        assertEquals(List.of(), SharedLibraries.of(TEST_PROGRAMS.resolve("exit3")));
    }

    @Test
    void theVdsoIsSkippedAndAMissingLibraryIsNamed() throws IOException {
        String ldd = """
                	linux-vdso.so.1 (0x00007ffd1c5f2000)
                	libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f0e7b000000)
                	/lib64/ld-linux-x86-64.so.2 (0x00007f0e7b2d5000)
                """;
        assertEquals(List.of(Path.of("/lib/x86_64-linux-gnu/libc.so.6"), Path.of("/lib64/ld-linux-x86-64.so.2")),
                SharedLibraries.parse(Path.of("w"), ldd));
        IOException e = assertThrows(IOException.class,
                () -> SharedLibraries.parse(Path.of("/tmp/w"), "\tlibfoo.so.1 => not found\n"));
        assertEquals("workload /tmp/w needs libfoo.so.1, which this host does not have either", e.getMessage());
    }
}
