package dev.kbench.cli;

import dev.kbench.boot.BootBatch;
import dev.kbench.boot.CacheMode;
import dev.kbench.count.CountingPlugin;
import dev.kbench.plan.BootPlan;
import dev.kbench.plan.GuestSettings;
import dev.kbench.vm.Accel;
import dev.kbench.vm.DiskModel;
import dev.kbench.vm.VmSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code kbench boot}: boots kernels many times and breaks their boots into phases, like the (FG)KASLR suite's run_batch.sh. */
@Command(name = "boot", mixinStandardHelpOptions = true, sortOptions = false, defaultValueProvider = CommandDefaults.Boot.class,
        description = "Boots each kernel --boots times per memory size and reports the boot phases (kbench boot-table's files).")
final class BootCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    KernelsOption kernels;

    @Mixin
    BootsOption boots;

    @ParentCommand
    Kbench kbench;

    @Option(names = "--cache", defaultValue = "warm", paramLabel = "warm|cold",
            description = "warm: boot each kernel 5 times unmeasured first; cold: drop the host's page cache before every boot"
                    + " (needs root). Default: ${DEFAULT-VALUE}.")
    CacheMode cache;

    @Mixin
    VmOptions vm;

    @Option(names = "--rootfs", defaultValue = "none", paramLabel = "none|nvme|virtio-blk",
            description = "Boot kbench's guest from an ext4 root file system on this disk instead of an initramfs"
                    + " (for kernels without initramfs support; a kernel whose configuration says it has none gets virtio-blk by itself)."
                    + " Default: ${DEFAULT-VALUE}.")
    String rootfs;

    @Option(names = "--count", paramLabel = "instructions",
            description = "instructions: also count every phase in guest instructions with kbench's TCG plugin (the bootstrap"
                    + " loader's phases repeat exactly, whatever the host's load; the emulation then runs on one host thread)."
                    + " Needs TCG: --accel auto means tcg, kvm is refused. Default: not counted.")
    Optional<CountMode> count;

    /** What --count counts; one kind so far. */
    enum CountMode {
        INSTRUCTIONS;

        static CountMode parse(String text) {
            if (text.strip().equalsIgnoreCase("instructions")) {
                return INSTRUCTIONS;
            }
            throw new IllegalArgumentException("'" + text + "' cannot be counted: use --count instructions");
        }
    }

    @Mixin
    VariantOptions variants;

    @Mixin
    OutputOption output;

    @Override
    public Integer call() throws IOException {
        Optional<DiskModel> rootDisk = rootDisk();
        Accel accel = accel();
        GuestSettings guest = GuestSettings.from(kbench.settings());
        guest = guest.withKernels(guest.kernels().withVariants(variants.variants()));
        // built once here: every fork loads the same library
        Optional<CountingPlugin> plugin = count.isPresent()
                ? Optional.of(CountingPlugin.prepare(VmSpec.DEFAULT_QEMU_BINARY, kbench.settings())) : Optional.empty();
        List<Path> files = new BootBatch(new BootBatch.Settings(kernels.required(), boots.boots, cache, vm.memory.all(), accel,
                new BootPlan.Shape(vm.machine, rootDisk), guest, output.out, plugin), System.out, System.console() != null).execute();
        System.out.println("kbench: wrote " + String.join(", ", files.stream().map(Path::toString).toList()));
        return 0;
    }

    /** --accel, which counting narrows: the plugin sees instructions only when QEMU emulates them. */
    private Accel accel() {
        Accel asked = vm.accel();
        if (count.isEmpty() || asked.emulated()) {
            return asked;
        }
        if (asked == Accel.AUTO) {
            return Accel.TCG;
        }
        throw new ParameterException(spec.commandLine(), "--count instructions needs an emulated accelerator (QEMU's TCG plugin sees no"
                + " instruction that KVM runs): use --accel tcg or icount, not " + asked.qemuName());
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
