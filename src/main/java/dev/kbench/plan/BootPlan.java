package dev.kbench.plan;

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
import java.util.List;
import java.util.Optional;

/**
 * Everything decided before QEMU starts: the kernel a name stands for, the guest image it
 * boots, and the accelerator {@code auto} resolves to. Every JMH fork makes the same plan from
 * the same names and settings and finds the kernel, image and verdict in the shared cache.
 *
 * <pre>{@code
 * BootPlan plan = BootPlan.builder(settings, "default").accel(Accel.TCG).memoryMib(512).prepare();
 * }</pre>
 */
public record BootPlan(VmSpec spec) {

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

    public Kernel kernel() {
        return spec.kernel();
    }

    /** The accelerator the VM boots with: never AUTO, which was resolved when the plan was made. */
    public Accel accel() {
        return spec.accel();
    }

    /**
     * What {@code requested} means for a whole run, decided once in the parent process with its
     * first kernel: the KVM probe and its warning then happen once, not once per JMH fork.
     */
    public static Accel decideOnce(GuestSettings settings, Accel requested, String firstKernel, int memoryMib, PrintStream log)
            throws IOException {
        if (requested != Accel.AUTO) {
            return requested;
        }
        return builder(settings, firstKernel).memoryMib(memoryMib).log(log).prepare().accel();
    }

    /** A plan for booting {@code kernel} (a name, variant or path) with {@code settings}. */
    public static Builder builder(GuestSettings settings, String kernel) {
        return new Builder(settings, kernel);
    }

    public static final class Builder {
        private final GuestSettings settings;
        private final String kernelName;
        private String kernelArgs = "";
        private Shape shape = Shape.DEFAULT;
        private Accel accel = Accel.AUTO;
        private int memoryMib = 512;
        private GuestContents contents = image -> image;
        private PrintStream log = System.out;

        private Builder(GuestSettings settings, String kernelName) {
            this.settings = settings;
            this.kernelName = kernelName;
        }

        /** Arguments added to the kernel's command line for this run (e.g. {@code isolcpus=0}). */
        public Builder kernelArgs(String args) {
            this.kernelArgs = args;
            return this;
        }

        public Builder shape(Shape value) {
            this.shape = value;
            return this;
        }

        public Builder accel(Accel value) {
            this.accel = value;
            return this;
        }

        public Builder memoryMib(int mib) {
            this.memoryMib = mib;
            return this;
        }

        /** Adds programs to, or changes the init of, the default guest image. */
        public Builder contents(GuestContents value) {
            this.contents = value;
            return this;
        }

        /** Where the kernel download and the accelerator's verdict are told. */
        public Builder log(PrintStream out) {
            this.log = out;
            return this;
        }

        public BootPlan prepare() throws IOException {
            Kernel kernel;
            try {
                kernel = KernelResolver.of(settings.kernels(), settings.cache().folder("kernels"), log).resolve(kernelName)
                        .withCmdline(kernelArgs);
            } catch (InvalidKernelException e) {
                throw new IOException(e.getMessage(), e);
            }
            GuestImage image = contents.apply(new GuestImage(settings.cache().folder("initramfs")));
            if (shape.machine() == Machine.MICROVM) {
                image.modules(List.of("virtio_mmio")); // microvm's virtio devices are on virtio-mmio
            }
            VmSpec.Builder builder = shape.rootfs().isPresent()
                    ? VmSpec.builder(kernel, null).rootfs(new RootFs(image.buildRootfs(kernel), shape.rootfs().get()))
                    : VmSpec.builder(kernel, image.buildFor(kernel));
            VmSpec spec = builder.machine(shape.machine()).memoryMib(memoryMib).accel(accel).bootTimeout(settings.bootTimeout()).build();
            return new BootPlan(new AccelChooser(settings.cache().root().resolve("accel.properties"), log).resolve(spec));
        }
    }
}
