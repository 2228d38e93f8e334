package dev.kbench.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.CacheDirectory;
import dev.kbench.Settings;
import dev.kbench.guest.GuestImage;
import dev.kbench.kernel.Kernel;
import dev.kbench.plan.BootPlan;
import dev.kbench.plan.GuestSettings;
import dev.kbench.ssh.ImageGuest;
import dev.kbench.vm.Accel;
import dev.kbench.vm.DiskImage;
import dev.kbench.vm.NetModel;
import dev.kbench.vm.Vm;
import dev.kbench.vm.VmSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeroturnaround.exec.ProcessExecutor;

/**
 * What a running VM exposes on the host, looked at from outside while it runs: QEMU under its
 * seccomp filter, no TCP listener but the loopback SSH forward of an image boot (ss), and its
 * sockets and logs in a folder only its user can open.
 */
class HardeningIT {

    @TempDir
    Path tmp;

    @AfterEach
    void noQemuIsLeftRunning() {
        assertEquals(List.of(), QemuProcesses.ours());
    }

    /** The TCP sockets QEMU {@code pid} listens on, as ss prints them ("127.0.0.1:40123"). */
    private static List<String> tcpListeners(long pid) throws Exception {
        String out = new ProcessExecutor("ss", "-Htlnp").readOutput(true).execute().outputUTF8();
        return out.lines().filter(l -> l.contains("pid=" + pid + ",")).map(l -> l.trim().split("\\s+")[3]).toList();
    }

    private static void isSandboxedAndPrivate(Vm vm) throws IOException {
        String status = Files.readString(Path.of("/proc/" + vm.pid() + "/status"));
        assertTrue(status.contains("\nSeccomp:\t2\n"), "QEMU runs under a seccomp filter:\n" + status);
        String cmdline = Files.readString(Path.of("/proc/" + vm.pid() + "/cmdline")).replace('\0', ' ');
        assertTrue(cmdline.contains(" -sandbox on,obsolete=deny,elevateprivileges=deny,spawn=deny,resourcecontrol=deny "), cmdline);
        Path folder = vm.agentSocket().getParent();
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)), folder.toString());
        try (var files = Files.list(folder)) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().equals("console.log")), "the console is in it");
        }
    }

    @Test
    void anInitramfsVmListensOnNoTcpPortAndIsSandboxed() throws Exception {
        Kernel kernel = TestKernel.debianCloud().named("debian-cloud");
        Path image = new GuestImage(CacheDirectory.fromEnvironment().folder("initramfs")).buildFor(kernel);
        try (Vm vm = Vm.boot(VmSpec.builder(kernel, image).accel(Accel.TCG).bootTimeout(Duration.ofSeconds(60)).build())) {
            assertEquals(List.of(), tcpListeners(vm.pid()));
            isSandboxedAndPrivate(vm);
            assertTrue(vm.agent().pingOnce(Duration.ofSeconds(10)), "the sandboxed guest still works");
        }
    }

    @Test
    void anImageVmListensOnlyOnItsLoopbackSshForward() throws Exception {
        SshTestImage withSsh = SshTestImage.build(tmp.resolve("with-ssh"), true);
        Kernel kernel = TestKernel.debianCloud().named("debian-cloud");
        VmSpec spec = BootPlan.builder(GuestSettings.from(Settings.fromEnvironment()), kernel)
                .diskImage(DiskImage.of(withSsh.image()).net(NetModel.VIRTIO_NET)).accel(Accel.TCG).memoryMib(1024).prepare().spec();
        try (ImageGuest guest = ImageGuest.builder(spec.toBuilder().bootTimeout(Duration.ofSeconds(60)).build()).key(withSsh.key()).boot()) {
            Vm vm = guest.vm();
            assertEquals(List.of("127.0.0.1:" + vm.sshPort()), tcpListeners(vm.pid()));
            isSandboxedAndPrivate(vm);
        }
    }
}
