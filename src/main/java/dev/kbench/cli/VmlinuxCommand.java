package dev.kbench.cli;

import dev.kbench.kernel.InvalidKernelException;
import dev.kbench.kernel.VmlinuxExtractor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code kbench vmlinux}: the uncompressed kernel of an lz4 bzImage, for direct (PVH) boots. */
@Command(name = "vmlinux", mixinStandardHelpOptions = true,
        description = "Extracts the uncompressed ELF kernel from an lz4 bzImage (e.g. Debian's cloud kernel); QEMU boots it directly by PVH.")
final class VmlinuxCommand implements Callable<Integer> {

    @Parameters(paramLabel = "BZIMAGE")
    Path bzImage;

    @Mixin
    OutputOption output;

    @Override
    public Integer call() throws IOException, InvalidKernelException {
        String name = bzImage.getFileName().toString();
        Path target = output.out != null ? output.out
                : bzImage.resolveSibling(name.startsWith("vmlinuz-") ? "vmlinux-" + name.substring("vmlinuz-".length()) : name + ".vmlinux");
        VmlinuxExtractor.extract(bzImage, target);
        System.out.println(target);
        return 0;
    }
}
