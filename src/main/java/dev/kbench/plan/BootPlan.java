package dev.kbench.plan;

import dev.kbench.KbenchException;
import dev.kbench.count.Counting;
import dev.kbench.guest.GuestImage;
import dev.kbench.guest.KernelDrivers;
import dev.kbench.kernel.Kernel;
import dev.kbench.kernel.KernelResolver;
import dev.kbench.vm.Accel;
import dev.kbench.vm.AccelChooser;
import dev.kbench.vm.AccelVerdict;
import dev.kbench.vm.DiskImage;
import dev.kbench.vm.DiskModel;
import dev.kbench.vm.Machine;
import dev.kbench.vm.RootFs;
import dev.kbench.vm.VmSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
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

    /** A disk image's random source for sshd and friends; loaded when the kernel has it as a module. */
    static final List<String> RNG_MODULES = List.of("virtio_rng");

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
        return decideOnce(settings, requested, firstKernel, memoryMib, Shape.DEFAULT, log);
    }

    /** As above, for kernels booted in {@code shape}: the probe boots the kernel as the run will. */
    public static Accel decideOnce(GuestSettings settings, Accel requested, String firstKernel, int memoryMib, Shape shape, PrintStream log)
            throws IOException {
        if (requested != Accel.AUTO) {
            return requested;
        }
        return builder(settings, firstKernel).memoryMib(memoryMib).shape(shape).log(log).prepare().accel();
    }

    /**
     * What {@code auto} would resolve to for {@code firstKernel}, and why, without the warning a
     * run under TCG prints: for a command that picks another fallback than TCG (the demo's icount).
     */
    public static AccelVerdict autoVerdict(GuestSettings settings, String firstKernel, int memoryMib, PrintStream log) throws IOException {
        Builder builder = builder(settings, firstKernel).memoryMib(memoryMib).log(log);
        return builder.accelChooser().verdict(builder.ownGuestSpec(builder.kernel()));
    }

    /** A plan for booting {@code kernel} (a name, variant or path) with {@code settings}. */
    public static Builder builder(GuestSettings settings, String kernel) {
        return new Builder(settings, kernel, null);
    }

    /** A plan for booting a kernel already resolved (e.g. one with its modules elsewhere). */
    public static Builder builder(GuestSettings settings, Kernel kernel) {
        return new Builder(settings, kernel.name(), kernel);
    }

    public static final class Builder {
        private final GuestSettings settings;
        private final String kernelName;
        private final Kernel resolved;
        private Optional<DiskImage> diskImage = Optional.empty();
        private Optional<Boolean> initrd = Optional.empty();
        private String kernelArgs = "";
        private Shape shape = Shape.DEFAULT;
        private Accel accel = Accel.AUTO;
        private int memoryMib = 512;
        private GuestContents contents = image -> image;
        private PrintStream log = System.out;
        private Optional<Path> failureDir = Optional.empty();
        private Optional<Counting> counting = Optional.empty();

        private Builder(GuestSettings settings, String kernelName, Kernel resolved) {
            this.settings = settings;
            this.kernelName = kernelName;
            this.resolved = resolved;
        }

        /**
         * Boots the user's disk image as root instead of kbench's guest: the kernel mounts it
         * itself, or kbench's initramfs loads the disk and network drivers first and switches
         * to it as a distribution's initrd does ({@link #initrd}).
         */
        public Builder diskImage(DiskImage image) {
            this.diskImage = Optional.of(image);
            return this;
        }

        /**
         * Whether a disk image boots through kbench's initramfs. By default only when the kernel
         * comes with a modules tree (a packaged kernel); a bzImage of its own boots the image
         * directly, as in lsm-perf.
         */
        public Builder initrd(boolean useInitramfs) {
            this.initrd = Optional.of(useInitramfs);
            return this;
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

        /** Where a boot that fails leaves its whole console and QEMU's state (e.g. beside the run or boot log). */
        public Builder failureDir(Path folder) {
            this.failureDir = Optional.of(folder);
            return this;
        }

        /** Counts the guest's instructions with kbench's TCG plugin (the accelerator must then be TCG or icount). */
        public Builder counting(Counting value) {
            this.counting = Optional.of(value);
            return this;
        }

        /** Where the kernel download and the accelerator's verdict are told. */
        public Builder log(PrintStream out) {
            this.log = out;
            return this;
        }

        public BootPlan prepare() throws IOException {
            Kernel kernel = kernel();
            if (diskImage.isPresent()) {
                return prepareImageBoot(kernel, diskImage.get());
            }
            return new BootPlan(accelChooser().resolve(ownGuestSpec(kernel)));
        }

        private Kernel kernel() throws IOException {
            return (resolved != null ? resolved
                    : KernelResolver.of(settings.kernels(), settings.cache().folder("kernels"), log).resolve(kernelName)).withCmdline(kernelArgs);
        }

        /** The VM booting kbench's own guest (an initramfs or its ext4 root), its accelerator as asked: AUTO not yet resolved. */
        private VmSpec ownGuestSpec(Kernel kernel) throws IOException {
            GuestImage image = contents.apply(new GuestImage(settings.cache().folder("initramfs")));
            if (shape.machine() == Machine.MICROVM) {
                image.modules(List.of("virtio_mmio")); // microvm's virtio devices are on virtio-mmio
            }
            KernelShape decided = KernelShape.decide(kernel, shape);
            decided.reasons().forEach(reason -> log.println("kbench: " + reason));
            Shape shape = decided.shape();
            VmSpec.Builder builder = shape.rootfs().isPresent()
                    ? VmSpec.builder(kernel, null).rootfs(new RootFs(image.buildRootfs(kernel), shape.rootfs().get()))
                    : VmSpec.builder(kernel, image.buildFor(kernel));
            return builder.machine(shape.machine()).acpi(decided.acpi()).memoryMib(memoryMib).accel(accel)
                    .bootTimeout(settings.bootTimeout()).failureDir(failureDir.orElse(null)).counting(counting.orElse(null)).build();
        }

        private BootPlan prepareImageBoot(Kernel kernel, DiskImage image) throws IOException {
            List<String> drivers = new ArrayList<>(image.disk().modules());
            drivers.addAll(image.net().modules());
            requireDrivers(kernel, image, drivers);
            Path initramfs = null;
            if (initrd.orElse(kernel.modules().isPresent())) {
                drivers.addAll(RNG_MODULES);
                initramfs = new GuestImage(settings.cache().folder("initramfs")).modules(drivers).buildFor(kernel);
            }
            Accel chosen = accel;
            if (accel == Accel.AUTO) {
                // a probe of the image could not tell a slow image from a KVM that cannot run the kernel
                VmSpec probe = VmSpec.builder(kernel, new GuestImage(settings.cache().folder("initramfs")).buildFor(kernel)).build();
                chosen = accelChooser().resolve(probe).accel();
            }
            return new BootPlan(VmSpec.builder(kernel, initramfs, image).memoryMib(memoryMib).accel(chosen)
                    .bootTimeout(settings.bootTimeout()).failureDir(failureDir.orElse(null)).build());
        }

        /** A disk-image boot refuses at once a kernel that could never see its disk or network card. */
        private static void requireDrivers(Kernel kernel, DiskImage image, List<String> drivers) throws IOException {
            if (kernel.modules().isEmpty()) {
                return; // a kernel of its own: nothing to read its drivers from
            }
            List<String> missing = KernelDrivers.missing(kernel.modules().get(), drivers);
            if (missing.isEmpty()) {
                return;
            }
            String advice = image.net().modules().containsAll(missing) ? "choose another network model, e.g. virtio-net"
                    : "choose another disk model, e.g. nvme or virtio-blk";
            throw new KbenchException(KbenchException.Kind.BAD_INPUT, "kernel " + kernel.name() + " has no " + String.join(", ", missing)
                    + " driver (neither built in nor a module in " + kernel.modules().get() + "): " + advice);
        }

        private AccelChooser accelChooser() {
            return new AccelChooser(settings.cache().root().resolve("accel.properties"), log);
        }
    }
}
