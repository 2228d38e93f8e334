package dev.kbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.ExitStatus;
import dev.kbench.kernel.builder.Compression;
import dev.kbench.kernel.builder.Kaslr;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code kbench kernel build}'s options, and its one-line refusals before anything is built. */
class KernelBuildCommandOptionsTest extends InProcessCliTest {

    private KernelBuildCommand parseBuild(String... args) {
        CommandLine.ParseResult parsed = Kbench.commandLine(settings()).parseArgs(args);
        return (KernelBuildCommand) parsed.subcommand().subcommand().commandSpec().userObject();
    }

    @Test
    void theDefaultsAreDebiansSourceTheSmallConfigGzipAndKaslr() {
        KernelBuildCommand build = parseBuild("kernel", "build");
        assertEquals("debian", build.source);
        assertEquals("small", build.build.config);
        assertEquals(List.of(Compression.GZIP), build.compressions);
        assertEquals(List.of(Kaslr.KASLR), build.kaslrs);
        assertNull(build.build.jobs);
    }

    @Test
    void compressionsAndVariantsAreListsWithCommas() {
        KernelBuildCommand build = parseBuild("kernel", "build", "--compression", "lz4,none", "--kaslr", "kaslr,nokaslr", "-j", "3");
        assertEquals(List.of(Compression.LZ4, Compression.NONE), build.compressions);
        assertEquals(List.of(Kaslr.KASLR, Kaslr.NOKASLR), build.kaslrs);
        assertEquals(3, build.build.jobs);
    }

    @Test
    void anUnknownCompressionIsAUsageErrorNamingIt() {
        Outcome o = execute("kernel", "build", "--compression", "gzip,lz5");
        assertEquals(2, o.status(), o.err());
        assertTrue(o.err().contains("--compression") && o.err().contains("unknown compression 'lz5': use gzip, xz, lzma, bzip2, lzo, lz4, zstd or none"),
                o.err());
    }

    @Test
    void aSourceThatIsNoTreeIsOneLine() {
        assertOneLineError(execute("kernel", "build", "--source", "/no/such"), ExitStatus.BAD_INPUT,
                "/no/such is neither a Linux source tree nor a tarball (.tar, .tar.xz, .tar.gz) of one");
    }

    @Test
    void aTreeThePatchDoesNotFitIsRefusedNamingTheTreeAndItsVersion() throws Exception {
        Path tree = tmp.resolve("linux-5.4");
        Files.createDirectories(tree.resolve("arch/x86/boot/compressed"));
        Files.createDirectories(tree.resolve("init"));
        Files.writeString(tree.resolve("Makefile"), "VERSION = 5\nPATCHLEVEL = 4\nSUBLEVEL = 0\n");
        Files.writeString(tree.resolve("init/main.c"), "void start_kernel(void) {}\n");
        assertOneLineErrorStartingWith(execute("kernel", "build", "--source", tree.toString()), ExitStatus.BAD_INPUT,
                "kbench's marker patch does not apply to Linux 5.4.0 in " + tree + " (it is written for Linux 6.1, Debian's linux-source-6.1): ");
        assertEquals("void start_kernel(void) {}\n", Files.readString(tree.resolve("init/main.c")), "the user's tree is never changed");
    }
}
