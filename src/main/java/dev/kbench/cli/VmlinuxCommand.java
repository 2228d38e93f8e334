package dev.kbench.cli;

import dev.kbench.kernel.InvalidKernelException;
import dev.kbench.kernel.VmlinuxExtractor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kbench vmlinux}: the uncompressed kernel of an lz4 bzImage, for direct (PVH) boots. */
@Command(name = "vmlinux", mixinStandardHelpOptions = true,
        description = "Extracts the uncompressed ELF kernel from an lz4 bzImage (e.g. Debian's cloud kernel); QEMU boots it directly by PVH.")
final class VmlinuxCommand implements Callable<Integer> {

    @Parameters(paramLabel = "BZIMAGE")
    Path bzImage;

    @Option(names = {"-o", "--out"}, paramLabel = "VMLINUX",
            description = "Where to write it (default: vmlinux-VERSION beside a vmlinuz-VERSION, so its modules are found; else BZIMAGE.vmlinux)")
    Path out;

    @Override
    public Integer call() throws IOException, InvalidKernelException {
        String name = bzImage.getFileName().toString();
        Path target = out != null ? out
                : bzImage.resolveSibling(name.startsWith("vmlinuz-") ? "vmlinux-" + name.substring("vmlinuz-".length()) : name + ".vmlinux");
        VmlinuxExtractor.extract(bzImage, target);
        System.out.println(target);
        return 0;
    }
}
