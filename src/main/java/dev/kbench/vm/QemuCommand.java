package dev.kbench.vm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The command line of one {@code qemu-system-x86_64}, with every socket and log inside the VM's
 * private folder. The guest agent gets two channels: a virtio-serial port, and the second
 * serial port as the fallback for kernels without virtio; it answers on the one it finds. A
 * kernel with neither (no virtio console, one UART) leaves it the console, the first serial
 * port, which {@link ConsoleRecorder} hands over once the agent says so.
 */
final class QemuCommand {

    static final String AGENT_PORT_NAME = "kbench.agent";

    private QemuCommand() {
    }

    /** Files inside a VM's folder. */
    record Files(Path console, Path qemuLog, Path qmp, Path virtioAgent, Path serialAgent, Path markers, Path consoleSocket,
            Path counts) {
        static Files in(Path dir) {
            return new Files(dir.resolve("console.log"), dir.resolve("qemu.log"), dir.resolve("qmp.sock"),
                    dir.resolve("agent-virtio.sock"), dir.resolve("agent-serial.sock"), dir.resolve("markers.sock"),
                    dir.resolve("console.sock"), dir.resolve("counts.txt"));
        }
    }

    static String kernelCmdline(VmSpec spec) {
        return kernelCmdline(spec, spec.accel());
    }

    static String kernelCmdline(VmSpec spec, Accel accel) {
        // panic=-1 with -no-reboot turns a panic into a QEMU exit: Debian kernels otherwise hang on panic.
        String base = "console=ttyS0 panic=-1 loglevel=4 kbench.channel=virtio";
        if (spec.disk().isPresent()) {
            base += " " + spec.disk().get().kernelParams(spec.initramfs() != null);
        }
        if (spec.rootfs().isPresent()) {
            base += " " + spec.rootfs().get().kernelParams();
        }
        if (accel.emulated()) {
            // The kernel's boot-time self-test of the IO-APIC timer (check_timer) busy-waits about
            // 40e9/HZ TSC cycles for more than 4 timer ticks. Under TCG both run on host time, and
            // on a loaded host QEMU's threads wait for a core longer than that: the route "fails",
            // the kernel moves its timer to another route or, when all fail, panics ("IO-APIC +
            // timer doesn't work!"). Linux skips this test itself on KVM and Hyper-V (their
            // paravirt set-up sets no_timer_check); TCG offers it no such interface, so kbench
            // says it (docs/reliability.md). Under icount the test cannot fail (the guest's clocks
            // count instructions), but its busy-wait is a loop of pause, each of which sends TCG
            // out of its translated code: half a second of a Debian kernel's 6.5 s boot
            // (docs/boot.md), and the route it keeps is the one the test would have passed.
            base += " no_timer_check";
        }
        if (spec.machine() == Machine.MICROVM && accel.emulated()) {
            OptionalLong khz = HostTsc.khz();
            if (khz.isPresent()) {
                base += " tsc_early_khz=" + khz.getAsLong();
            }
        }
        String extra = spec.kernel().extraCmdline();
        return extra.isEmpty() ? base : base + " " + extra;
    }

    /** With icount, QEMU 7.2 hangs the guest at "Booting SMP configuration": one vCPU then. */
    static int vcpus(VmSpec spec, Accel accel) {
        return accel == Accel.ICOUNT ? 1 : spec.cpus();
    }

    static List<String> build(VmSpec spec, Accel accel, Files files) {
        return build(spec, accel, files, 0);
    }

    /** @param sshHostPort the loopback port forwarded to the guest's port 22 when {@code spec} boots a disk image */
    static List<String> build(VmSpec spec, Accel accel, Files files, int sshHostPort) {
        if (accel == Accel.KVM && spec.counting().isPresent()) {
            throw new IllegalArgumentException("kernel " + spec.kernel().name() + ": instructions are counted only under TCG or"
                    + " icount, and this VM would run under KVM: use --accel tcg or icount");
        }
        List<String> cmd = new ArrayList<>();
        // If the JVM dies, even by SIGKILL, the kernel kills QEMU too: its parent-death signal.
        cmd.addAll(List.of("setpriv", "--pdeathsig", "KILL", "--", spec.qemuBinary()));
        // debug-threads names vCPU threads ("CPU 0/TCG"), which CPU pinning relies on.
        cmd.addAll(List.of("-name", "kbench,debug-threads=on"));
        // counting: one TCG thread for all vCPUs, so the plugin's single counter needs no atomics and loses nothing
        String accelerator = accel.qemuAccelerator() + (spec.counting().isPresent() ? ",thread=single" : "");
        cmd.addAll(List.of("-machine", machine(spec), "-accel", accelerator, "-cpu", accel == Accel.KVM ? "host" : "max"));
        spec.counting().ifPresent(c -> cmd.addAll(c.plugin().qemuArguments(files.counts(), c.functions())));
        if (accel == Accel.ICOUNT) {
            // 1 ns of guest time per instruction: guest clocks count instructions, not host time
            cmd.addAll(List.of("-icount", "shift=0"));
        }
        cmd.addAll(List.of("-m", Integer.toString(spec.memoryMib()), "-smp", Integer.toString(vcpus(spec, accel))));
        // -S: QEMU sets itself up paused and kbench continues it over QMP, so QEMU's own start-up
        // (in_monitor) is measured apart from the guest's boot, for any kernel
        cmd.addAll(List.of("-S", "-nodefaults", "-no-user-config", "-no-reboot", "-display", "none"));
        cmd.addAll(List.of("-kernel", spec.kernel().image().toString()));
        if (spec.initramfs() != null) {
            cmd.addAll(List.of("-initrd", spec.initramfs().toString()));
        }
        cmd.addAll(List.of("-append", kernelCmdline(spec, accel)));
        // the console goes through kbench (ConsoleRecorder), which keeps console.log bounded
        cmd.addAll(List.of("-chardev", "socket,id=console,path=" + files.consoleSocket(), "-serial", "chardev:console"));
        cmd.addAll(List.of("-chardev", "socket,id=agentserial,server=on,wait=off,path=" + files.serialAgent(),
                "-serial", "chardev:agentserial"));
        cmd.addAll(List.of("-device", spec.machine().virtioDevice("virtio-serial") + ",id=vserial",
                "-chardev", "socket,id=agent,server=on,wait=off,path=" + files.virtioAgent(),
                "-device", "virtserialport,bus=vserial.0,chardev=agent,name=" + AGENT_PORT_NAME));
        cmd.addAll(List.of("-qmp", "unix:" + files.qmp() + ",server=on,wait=off"));
        // boot markers: every byte written to port 0xf4 goes to kbench, which listens before QEMU starts
        cmd.addAll(List.of("-chardev", "socket,id=markers,path=" + files.markers(), "-device", "isa-debugcon,iobase=0xf4,chardev=markers"));
        spec.disk().ifPresent(disk -> cmd.addAll(diskImageDevices(disk, sshHostPort)));
        spec.rootfs().ifPresent(fs -> cmd.addAll(rootfsDevices(fs, spec.machine())));
        return cmd;
    }

    /**
     * microvm has no PCI bus unless asked (NVMe needs one), and without a PIT the kernel cannot
     * calibrate the TSC under TCG ("tsc: Unable to calibrate against PIT") and hangs early in
     * boot: kbench asks for the PIT, PIC and RTC, which Firecracker-style KVM guests get from kvmclock.
     */
    private static String machine(VmSpec spec) {
        if (spec.machine() != Machine.MICROVM) {
            return spec.machine().qemuName() + (spec.acpi() ? "" : ",acpi=off");
        }
        boolean nvme = spec.rootfs().map(fs -> fs.disk() == DiskModel.NVME).orElse(false);
        // acpi=off: QEMU appends virtio_mmio.device=SIZE@BASE:IRQ for each device to the command line
        return "microvm,pit=on,pic=on,rtc=on" + (nvme ? ",pcie=on" : "") + (spec.acpi() ? "" : ",acpi=off");
    }

    /** kbench's own root file system: a throwaway overlay keeps the cached image as made. */
    static List<String> rootfsDevices(RootFs fs, Machine machine) {
        List<String> cmd = new ArrayList<>(List.of("-drive", "file=" + fs.image().toString().replace(",", ",,")
                + ",format=raw,if=none,id=rootfs,snapshot=on"));
        cmd.addAll(fs.disk() == DiskModel.VIRTIO_BLK ? List.of("-device", machine.virtioDevice("virtio-blk") + ",drive=rootfs")
                : fs.disk().qemuDevices("rootfs"));
        return cmd;
    }

    /** The disk, the network card on user networking with SSH forwarded from loopback only, and a virtio-rng. */
    static List<String> diskImageDevices(DiskImage disk, int sshHostPort) {
        if (sshHostPort <= 0) {
            throw new IllegalArgumentException("a disk-image boot needs a host port for SSH");
        }
        List<String> cmd = new ArrayList<>();
        // commas in a file name would split QEMU's option list: it escapes them as ",,"
        cmd.addAll(List.of("-drive", "file=" + disk.path().toString().replace(",", ",,") + ",format=" + disk.format()
                + ",if=none,id=root,cache=writeback" + (disk.persistent() ? "" : ",snapshot=on")));
        cmd.addAll(disk.disk().qemuDevices("root"));
        cmd.addAll(List.of("-netdev", "user,id=net0,hostfwd=tcp:127.0.0.1:" + sshHostPort + "-:22",
                "-device", disk.net().qemuDevice() + ",netdev=net0"));
        // the guest's entropy: sshd and the image's services may wait for it on a fresh boot
        cmd.addAll(List.of("-object", "rng-random,id=rng0,filename=/dev/urandom", "-device", "virtio-rng-pci,rng=rng0"));
        return cmd;
    }
}
