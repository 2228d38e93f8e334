package dev.kbench.run;

import dev.kbench.CacheDirectory;
import dev.kbench.Settings;
import dev.kbench.guest.GuestImage;
import dev.kbench.kernel.InvalidKernelException;
import dev.kbench.kernel.Kernel;
import dev.kbench.kernel.KernelResolver;
import dev.kbench.vm.Accel;
import dev.kbench.vm.AccelChooser;
import dev.kbench.vm.DiskModel;
import dev.kbench.vm.Machine;
import dev.kbench.vm.RootFs;
import dev.kbench.vm.VmSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything decided before QEMU starts: the kernel a name stands for, the guest image it
 * boots, and the accelerator {@code auto} resolves to. Every JMH fork makes the same plan from
 * the same names and finds the kernel, image and verdict in the shared cache.
 */
public record BootPlan(VmSpec spec, Accel accel) {

    /**
     * How the guest is put together beyond its contents: the machine model, and whether it boots
     * from an initramfs (no root disk) or from an ext4 root file system on a disk of this model.
     */
    public record Shape(Machine machine, Optional<DiskModel> rootfs) {
        public static final Shape DEFAULT = new Shape(Machine.PC, Optional.empty());
    }

    /** What goes into the guest image beyond the agent: workloads, programs, another init. */
    @FunctionalInterface
    public interface GuestContents {
        GuestImage apply(GuestImage image) throws IOException;
    }

    /**
     * What {@code requested} means for a whole run, decided once in the parent process with its
     * first kernel: the KVM probe and its warning then happen once, not once per JMH fork.
     */
    public static Accel decideOnce(Accel requested, String firstKernel, int memoryMib, PrintStream log) throws IOException {
        if (requested != Accel.AUTO) {
            return requested;
        }
        return prepare(firstKernel, Accel.AUTO, memoryMib, image -> image, log).accel();
    }

    /** The same plan, with failed boots leaving their console and QEMU's state in {@code folder}. */
    public BootPlan withFailureDir(Path folder) {
        return new BootPlan(spec.toBuilder().failureDir(folder).build(), accel);
    }

    public Kernel kernel() {
        return spec.kernel();
    }

    public static BootPlan prepare(String kernelSpec, Accel accel, int memoryMib, GuestContents guest, PrintStream log)
            throws IOException {
        return prepare(kernelSpec, "", accel, memoryMib, guest, log);
    }

    /**
     * @param kernelArgs arguments added to the kernel's command line for this run (e.g. {@code isolcpus=0})
     * @param guest adds programs to, or changes the init of, the default guest image
     */
    public static BootPlan prepare(String kernelSpec, String kernelArgs, Accel accel, int memoryMib, GuestContents guest,
            PrintStream log) throws IOException {
        return prepare(kernelSpec, kernelArgs, Shape.DEFAULT, accel, memoryMib, guest, log);
    }

    public static BootPlan prepare(String kernelSpec, String kernelArgs, Shape shape, Accel accel, int memoryMib, GuestContents guest,
            PrintStream log) throws IOException {
        CacheDirectory cache = CacheDirectory.fromEnvironment();
        Kernel kernel;
        try {
            kernel = KernelResolver.fromEnvironment(cache.folder("kernels"), log).resolve(kernelSpec).withCmdline(kernelArgs);
        } catch (InvalidKernelException e) {
            throw new IOException(e.getMessage(), e);
        }
        GuestImage image = guest.apply(new GuestImage(cache.folder("initramfs")));
        if (shape.machine() == Machine.MICROVM) {
            image.modules(List.of("virtio_mmio")); // microvm's virtio devices are on virtio-mmio
        }
        VmSpec.Builder builder = shape.rootfs().isPresent()
                ? VmSpec.builder(kernel, null).rootfs(new RootFs(image.buildRootfs(kernel), shape.rootfs().get()))
                : VmSpec.builder(kernel, image.buildFor(kernel));
        VmSpec spec = builder.machine(shape.machine()).memoryMib(memoryMib).accel(accel)
                .bootTimeout(Duration.ofSeconds(Long.parseLong(Settings.get("KBENCH_BOOT_TIMEOUT").orElse("120")))).build();
        return new BootPlan(spec, new AccelChooser(cache.root().resolve("accel.properties"), log).choose(spec));
    }
}
