package dev.kbench.vm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of one {@code qemu-system-x86_64}, with every socket and log inside the VM's
 * private folder. The guest agent gets two channels: a virtio-serial port, and the second
 * serial port as the fallback for kernels without virtio; it answers on the one it finds.
 */
final class QemuCommand {

    static final String AGENT_PORT_NAME = "kbench.agent";

    private QemuCommand() {
    }

    /** Files inside a VM's folder. */
    record Files(Path console, Path qemuLog, Path qmp, Path virtioAgent, Path serialAgent) {
        static Files in(Path dir) {
            return new Files(dir.resolve("console.log"), dir.resolve("qemu.log"), dir.resolve("qmp.sock"),
                    dir.resolve("agent-virtio.sock"), dir.resolve("agent-serial.sock"));
        }
    }

    static String kernelCmdline(VmSpec spec) {
        // panic=-1 with -no-reboot turns a panic into a QEMU exit: Debian kernels otherwise hang on panic.
        String base = "console=ttyS0 panic=-1 loglevel=4 kbench.channel=virtio";
        String extra = spec.kernel().extraCmdline();
        return extra.isEmpty() ? base : base + " " + extra;
    }

    static List<String> build(VmSpec spec, Accel accel, Files files) {
        List<String> cmd = new ArrayList<>();
        // If the JVM dies, even by SIGKILL, the kernel kills QEMU too: its parent-death signal.
        cmd.addAll(List.of("setpriv", "--pdeathsig", "KILL", "--", spec.qemuBinary()));
        // debug-threads names vCPU threads ("CPU 0/TCG"), which CPU pinning relies on.
        cmd.addAll(List.of("-name", "kbench,debug-threads=on"));
        cmd.addAll(List.of("-machine", "pc", "-accel", accel.qemuName(), "-cpu", accel == Accel.KVM ? "host" : "max"));
        cmd.addAll(List.of("-m", Integer.toString(spec.memoryMib()), "-smp", Integer.toString(spec.cpus())));
        cmd.addAll(List.of("-nodefaults", "-no-user-config", "-no-reboot", "-display", "none"));
        cmd.addAll(List.of("-kernel", spec.kernel().image().toString(), "-initrd", spec.initramfs().toString()));
        cmd.addAll(List.of("-append", kernelCmdline(spec)));
        cmd.addAll(List.of("-chardev", "file,id=console,path=" + files.console(), "-serial", "chardev:console"));
        cmd.addAll(List.of("-chardev", "socket,id=agentserial,server=on,wait=off,path=" + files.serialAgent(),
                "-serial", "chardev:agentserial"));
        cmd.addAll(List.of("-device", "virtio-serial-pci,id=vserial",
                "-chardev", "socket,id=agent,server=on,wait=off,path=" + files.virtioAgent(),
                "-device", "virtserialport,bus=vserial.0,chardev=agent,name=" + AGENT_PORT_NAME));
        cmd.addAll(List.of("-qmp", "unix:" + files.qmp() + ",server=on,wait=off"));
        return cmd;
    }
}
