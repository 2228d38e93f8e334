package dev.kbench.kernel.builder;

import dev.kbench.KbenchException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.zeroturnaround.exec.ProcessExecutor;
import org.zeroturnaround.exec.ProcessResult;

/**
 * kbench's boot-marker patch: one byte to I/O port 0xf4 at each step of the boot in the
 * (FG)KASLR suite's schema: 0x01/0x02 around the bootstrap loader (head_64.S, both entries),
 * 0x03/0x10 around extract_kernel, 0x04/0x05 choose_random_location, 0x06/0x07 decompression,
 * 0x08/0x09 parse_elf, 0x0c/0x0d relocation (misc.c), 0x11 at start_kernel and 0x12 just
 * before init runs (init/main.c). 0x0a/0x0b and 0x0e/0x0f are FG-KASLR's (shuffling function
 * sections, fixing up after): a KASLR kernel has no such steps, so they are not written.
 * Written against Debian's Linux 6.1.
 */
public final class MarkerPatch {

    static final String RESOURCE = "kbench-markers-6.1.patch";
    /** The markers a kernel with this patch writes, in the order it writes them (0x12 once init is near). */
    public static final List<Integer> MARKERS = List.of(0x01, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0c, 0x0d, 0x10, 0x02, 0x11, 0x12);

    private MarkerPatch() {
    }

    public static String text() throws IOException {
        try (InputStream in = MarkerPatch.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from kbench's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * True if {@code tree} carries the patch already: it reverses cleanly. ({@code -f}, not
     * {@code --batch}: in batch mode patch takes a reversed patch that looks reversed for a
     * forward one, and the dry run then "succeeds" on an unpatched tree.)
     */
    public static boolean appliedTo(Path tree) throws IOException {
        return patch(tree, "-R", "-f", "--dry-run").getExitValue() == 0;
    }

    /**
     * Applies the patch to {@code tree} (unless it is there already), or says which files and
     * hunks of it do not apply to the tree's Linux version, without changing anything.
     */
    public static void applyTo(Path tree, String linuxVersion) throws IOException {
        applyTo(tree, linuxVersion, tree.toString());
    }

    /** As {@link #applyTo(Path, String)}, naming {@code source} (what the user gave) in a refusal. */
    static void applyTo(Path tree, String linuxVersion, String source) throws IOException {
        if (appliedTo(tree)) {
            return;
        }
        ProcessResult check = patch(tree, "--dry-run");
        if (check.getExitValue() != 0) {
            String failures = check.outputUTF8().lines()
                    .filter(line -> line.contains("FAILED") || line.startsWith("can't find file") || line.contains("No file to patch"))
                    .map(String::strip).distinct().collect(Collectors.joining("; "));
            throw new KbenchException(KbenchException.Kind.BAD_INPUT, "kbench's marker patch does not apply to Linux " + linuxVersion
                    + " in " + source + " (it is written for Linux 6.1, Debian's linux-source-6.1): "
                    + (failures.isEmpty() ? check.outputUTF8().strip().replace('\n', ' ') : failures));
        }
        ProcessResult applied = patch(tree);
        if (applied.getExitValue() != 0) {
            throw new KbenchException(KbenchException.Kind.INFRASTRUCTURE, "patch failed on " + tree + " after its dry run passed: " + applied.outputUTF8().strip());
        }
    }

    private static ProcessResult patch(Path tree, String... options) throws IOException {
        List<String> cmd = new java.util.ArrayList<>(List.of("patch", "-p1", "--forward", "--batch", "-d", tree.toString()));
        cmd.addAll(List.of(options));
        if (List.of(options).contains("-R")) {
            cmd.remove("--forward");
            cmd.remove("--batch");
        }
        try {
            return new ProcessExecutor(cmd).redirectInput(new ByteArrayInputStream(text().getBytes(StandardCharsets.UTF_8)))
                    .readOutput(true).timeout(2, TimeUnit.MINUTES).execute();
        } catch (TimeoutException e) {
            throw new KbenchException(KbenchException.Kind.INFRASTRUCTURE, "patch did not finish on " + tree, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KbenchException(KbenchException.Kind.INFRASTRUCTURE, "interrupted while patching " + tree, e);
        }
    }
}
