package dev.kbench.cli;

import dev.kbench.boot.BootBatch;
import dev.kbench.boot.CacheMode;
import dev.kbench.kernel.Variants;
import dev.kbench.plan.BootPlan;
import dev.kbench.plan.GuestSettings;
import dev.kbench.vm.Accel;
import dev.kbench.vm.DiskModel;
import dev.kbench.vm.Machine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code kbench boot}: boots kernels many times and breaks their boots into phases, like the (FG)KASLR suite's run_batch.sh. */
@Command(name = "boot", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Boots each kernel --boots times per memory size and reports the boot phases (kbench boot-table's files).")
final class BootCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-k", "--kernels"}, arity = "1..*", required = true, paramLabel = "KERNELS",
            description = "Kernels: paths to bzImage/vmlinux, 'default', or variant names from --variants.")
    List<String> kernels;

    @Option(names = "--boots", defaultValue = "10", paramLabel = "N", description = "Measured boots per kernel and memory size. Default: ${DEFAULT-VALUE}.")
    int boots;

    @ParentCommand
    Kbench kbench;

    @Option(names = "--cache", defaultValue = "warm", paramLabel = "warm|cold",
            description = "warm: boot each kernel 5 times unmeasured first; cold: drop the host's page cache before every boot"
                    + " (needs root). Default: ${DEFAULT-VALUE}.")
    CacheMode cache;

    @Option(names = "--mem", arity = "1..*", defaultValue = "256", paramLabel = "MiB",
            description = "Guest memory sizes in MiB, e.g. --mem 256 512 1024 2048. Default: ${DEFAULT-VALUE}.")
    List<Integer> memoryMib;

    @Option(names = "--accel", defaultValue = "auto", paramLabel = "ACCEL", description = "auto, kvm, tcg or icount (TCG counting instructions). Default: ${DEFAULT-VALUE}.")
    Accel accel;

    @Option(names = "--machine", defaultValue = "pc", paramLabel = "pc|microvm", description = "QEMU machine: pc or microvm. Default: ${DEFAULT-VALUE}.")
    Machine machine;

    @Option(names = "--rootfs", defaultValue = "none", paramLabel = "none|nvme|virtio-blk",
            description = "Boot kbench's guest from an ext4 root file system on this disk instead of an initramfs"
                    + " (for kernels without initramfs support; a kernel whose configuration says it has none gets virtio-blk by itself)."
                    + " Default: ${DEFAULT-VALUE}.")
    String rootfs;

    @Option(names = "--variants", paramLabel = "FILE", description = "A file of kernel variants, one 'NAME = KERNEL [ARGS]' a line.")
    Path variants;

    @Option(names = {"-o", "--out"}, defaultValue = "boot", paramLabel = "PREFIX",
            description = "Path prefix of the files written (PREFIX.json, PREFIX.boots.jsonl, ...). Default: ${DEFAULT-VALUE}.")
    Path out;

    @Override
    public Integer call() throws IOException {
        Optional<DiskModel> rootDisk = rootDisk();
        GuestSettings guest = GuestSettings.from(kbench.settings());
        if (variants != null) {
            guest = guest.withKernels(guest.kernels().withVariants(Variants.read(variants)));
        }
        List<Path> files = new BootBatch(new BootBatch.Settings(kernels, boots, cache, memoryMib, accel, new BootPlan.Shape(machine, rootDisk),
                guest, out), System.out, System.console() != null).execute();
        System.out.println("kbench: wrote " + String.join(", ", files.stream().map(Path::toString).toList()));
        return 0;
    }

    /** --rootfs: none, or a disk a kbench root file system can go on ({@link dev.kbench.vm.RootFs} refuses virtio-scsi). */
    private Optional<DiskModel> rootDisk() {
        if (rootfs.equals("none")) {
            return Optional.empty();
        }
        try {
            DiskModel disk = DiskModel.parse(rootfs);
            if (disk != DiskModel.VIRTIO_SCSI) {
                return Optional.of(disk);
            }
        } catch (IllegalArgumentException e) {
            // not a disk model at all: the same answer
        }
        throw new ParameterException(spec.commandLine(), "Invalid value for option '--rootfs': '" + rootfs + "': use none, nvme or virtio-blk");
    }
}
