package dev.kbench.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.Settings;
import dev.kbench.guest.GuestBinaries;
import dev.kbench.guest.RunRequest;
import dev.kbench.guest.RunResult;
import dev.kbench.kernel.Kernel;
import dev.kbench.plan.BootPlan;
import dev.kbench.plan.GuestSettings;
import dev.kbench.ssh.ImageGuest;
import dev.kbench.ssh.SshException;
import dev.kbench.vm.Accel;
import dev.kbench.vm.BootException;
import dev.kbench.vm.DiskImage;
import dev.kbench.vm.NetModel;
import dev.kbench.vm.VmSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lsm-perf's way: Debian's modular cloud kernel boots a disk image through kbench's initramfs
 * (initrd mode), the image's own init starts dropbear, and workloads run as root over SSH,
 * through the agent copied in or through plain SSH exec. Every failure is one clear line.
 */
class ImageGuestIT {

    /** Short, so the image that never starts SSH fails fast; a TCG boot to SSH takes a few seconds. */
    private static final Duration SSH_TIMEOUT = Duration.ofSeconds(Long.getLong("kbench.test.sshTimeout", 30));
    private static final Duration REPLY = Duration.ofSeconds(60);

    @TempDir
    static Path tmp;

    static SshTestImage withSsh;

    @BeforeAll
    static void makeImage() throws IOException {
        withSsh = SshTestImage.build(tmp.resolve("with-ssh"), true);
    }

    @AfterEach
    void noQemuIsLeftRunning() {
        assertEquals(List.of(), QemuProcesses.ours());
    }

    private static ImageGuest.Builder guest(Path image, Path key) throws IOException {
        return guest(TestKernel.debianCloud().named("debian-cloud"), image, key);
    }

    private static ImageGuest.Builder guest(Kernel kernel, Path image, Path key) throws IOException {
        // Debian's cloud kernel has no e1000 driver: virtio-net, on lsm-perf's virtio-scsi disk
        return guest(kernel, image, key, NetModel.VIRTIO_NET, SSH_TIMEOUT);
    }

    private static ImageGuest.Builder guest(Kernel kernel, Path image, Path key, NetModel net, Duration sshTimeout) throws IOException {
        GuestSettings settings = GuestSettings.from(Settings.fromEnvironment());
        VmSpec spec = BootPlan.builder(settings, kernel).diskImage(DiskImage.of(image).net(net)).accel(Accel.TCG).memoryMib(1024)
                .prepare().spec();
        return ImageGuest.builder(spec.toBuilder().bootTimeout(sshTimeout).build()).key(key);
    }

    private static void printsAPositiveInteger(RunResult result) {
        assertTrue(result.succeeded(), result.toString());
        assertTrue(Long.parseLong(result.stdout().strip()) > 0, result.toString());
    }

    /** kbench's lines about the guest, kept for asserting and still printed. */
    private static final class Log {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream stream = new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                bytes.write(b);
                System.out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                bytes.write(b, off, len);
                System.out.write(b, off, len);
            }
        }, true, StandardCharsets.UTF_8);

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void eventfdRunsThroughTheAgentOverSshAndThroughSshExec() throws IOException {
        Log log = new Log();
        try (ImageGuest guest = guest(withSsh.image(), withSsh.key()).log(log.stream).boot()) {
            assertEquals("agent over ssh", guest.transport(), guest.agentProblem());
            // booted through kbench's initramfs: the agent it left in /run served, and no copy was sent
            assertTrue(log.text().contains("kbench: started the agent kbench's initramfs left in /run/kbench (build "
                    + GuestBinaries.agentBuild() + "); nothing copied"), log.text());
            assertEquals("agent " + GuestBinaries.agentBuild(), guest.ssh().exec("echo agent $(cat /run/kbench/kbench-agent.build);"
                    + " test -e /tmp/kbench/kbench-agent && echo copied", new byte[0], Duration.ZERO, REPLY).stdout().strip());
            String eventfd = guest.installWorkload("eventfd");
            RunRequest request = RunRequest.of(eventfd, "50000").pinnedTo(0);
            printsAPositiveInteger(guest.run(request, REPLY));
            printsAPositiveInteger(guest.runOverSsh(request, REPLY));
            // the same contract on both paths for a program that fails
            RunResult viaAgent = guest.run(RunRequest.of("/bin/sh", "-c", "echo oops >&2; exit 3"), REPLY);
            RunResult viaSsh = guest.runOverSsh(RunRequest.of("/bin/sh", "-c", "echo oops >&2; exit 3"), REPLY);
            assertEquals(List.of(3, 0, "oops\n"), List.of(viaAgent.exitStatus(), viaAgent.signal(), viaAgent.stderr()));
            assertEquals(List.of(3, 0, "oops\n"), List.of(viaSsh.exitStatus(), viaSsh.signal(), viaSsh.stderr()));
            RunResult killed = guest.runOverSsh(RunRequest.of("/bin/sh", "-c", "kill -SEGV $$"), REPLY);
            assertEquals(List.of(-1, 11), List.of(killed.exitStatus(), killed.signal()), killed.toString());
            long start = System.nanoTime();
            RunResult late = guest.runOverSsh(RunRequest.of("/bin/sleep", "60").withTimeout(Duration.ofSeconds(1)), REPLY);
            assertTrue(late.timedOut(), late.toString());
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(15).toNanos(), "the timeout took " + (System.nanoTime() - start) / 1_000_000 + " ms");
            // the connection serves on after a killed run
            printsAPositiveInteger(guest.runOverSsh(request, REPLY));
        }
    }

    @Test
    void anImageWithoutRunGetsTheAgentCopiedIn() throws IOException {
        SshTestImage noRun = SshTestImage.build(tmp.resolve("no-run"), true, false);
        Log log = new Log();
        try (ImageGuest guest = guest(noRun.image(), noRun.key()).log(log.stream).boot()) {
            assertEquals("agent over ssh", guest.transport(), guest.agentProblem());
            assertTrue(log.text().contains("kbench: warning: kbench's initramfs left no agent of build " + GuestBinaries.agentBuild()
                    + " in the image's /run/kbench (has the image no /run folder?); copying it in over SSH at every boot"), log.text());
            assertFalse(log.text().contains("nothing copied"), log.text());
            printsAPositiveInteger(guest.run(RunRequest.of(guest.installWorkload("eventfd"), "50000"), REPLY));
        }
    }

    @Test
    void sshExecAloneRunsEventfd() throws IOException {
        try (ImageGuest guest = guest(withSsh.image(), withSsh.key()).transport(dev.kbench.guest.Transport.SSH).boot()) {
            assertEquals("ssh exec", guest.transport());
            printsAPositiveInteger(guest.run(RunRequest.of(guest.installWorkload("eventfd"), "50000").pinnedTo(1), REPLY));
        }
    }

    @Test
    void withoutVirtioConsoleTheAgentCannotServeAndRunsGoOverSshExec() throws IOException {
        Kernel debian = TestKernel.debianCloud();
        Path modules = withoutModule(debian.modules().orElseThrow(), "virtio_console.ko", tmp.resolve("modules-without-console"));
        long start = System.nanoTime();
        try (ImageGuest guest = guest(debian.named("no-console").withModules(modules), withSsh.image(), withSsh.key()).boot()) {
            long afterLogin = (System.nanoTime() - start) / 1_000_000 - guest.ready().toMillis();
            assertEquals("ssh exec", guest.transport());
            assertTrue(guest.agentProblem().contains("no virtio port named kbench.agent"), guest.agentProblem());
            // the initramfs loaded the drivers: the agent sees at once that no port can come, and does not wait its 5 s
            assertTrue(afterLogin < 4000, "the agent took " + afterLogin + " ms to give up");
            printsAPositiveInteger(guest.run(RunRequest.of(guest.installWorkload("eventfd"), "50000"), REPLY));
        }
    }

    /** A copy of a modules tree, as symbolic links, lacking one module. */
    private static Path withoutModule(Path tree, String module, Path copy) throws IOException {
        try (var files = java.nio.file.Files.walk(tree)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = copy.resolve(tree.relativize(file).toString());
                if (java.nio.file.Files.isDirectory(file)) {
                    java.nio.file.Files.createDirectories(target);
                } else if (!file.getFileName().toString().equals(module)) {
                    java.nio.file.Files.createSymbolicLink(target, file);
                }
            }
        }
        return copy;
    }

    @Test
    void aWrongKeyFailsClearlyAndQuickly() throws IOException {
        Path wrong = SshTestImage.newKey(tmp, "wrong_key");
        long start = System.nanoTime();
        SshException e = assertThrows(SshException.class, () -> guest(withSsh.image(), wrong).boot());
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        System.out.println("wrong key, after " + seconds + " s: " + e.getMessage());
        assertTrue(e.isAuthentication());
        assertTrue(e.getMessage().startsWith("kernel debian-cloud: root@127.0.0.1:"), e.getMessage());
        assertTrue(e.getMessage().contains("refused the key " + wrong), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(seconds < SSH_TIMEOUT.toSeconds(), "took " + seconds + " s");
    }

    @Test
    void anImageThatNeverStartsSshFailsWithinTheBoundWithTheConsoleTail() throws IOException {
        SshTestImage noSsh = SshTestImage.build(tmp.resolve("no-ssh"), false);
        long start = System.nanoTime();
        BootException e = assertThrows(BootException.class, () -> guest(noSsh.image(), noSsh.key()).boot());
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        System.out.println("no SSH, after " + seconds + " s: " + e.getMessage());
        assertTrue(e.getMessage().startsWith("kernel debian-cloud did not boot: SSH on root@127.0.0.1:"), e.getMessage());
        assertTrue(e.reason().contains("did not come up within " + SSH_TIMEOUT.toSeconds() + " s"), e.reason());
        assertTrue(e.getMessage().contains("rc: this image starts no SSH server"), e.getMessage());
        assertTrue(seconds < SSH_TIMEOUT.toSeconds() + 15, "took " + seconds + " s");
    }

    @Test
    void anInitramfsWithoutTheDiskDriverSaysSoOnTheConsoleAndPowersOff() throws IOException {
        Path noModules = java.nio.file.Files.createDirectories(tmp.resolve("lib/modules/none"));
        Kernel kernel = TestKernel.debianCloud().named("no-modules").withModules(noModules);
        long start = System.nanoTime();
        BootException e = assertThrows(BootException.class, () -> guest(kernel, withSsh.image(), withSsh.key(), NetModel.VIRTIO_NET, Duration.ofSeconds(90)).boot());
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        System.out.println("no disk driver, after " + seconds + " s: " + e.getMessage());
        assertTrue(e.reason().startsWith("QEMU exited before SSH came up: initrd: root device /dev/sda did not appear within 20 s"),
                e.reason());
        assertTrue(seconds < 60, "took " + seconds + " s");
    }

    @Test
    void aKernelWithoutTheNetworkDriverIsRefusedBeforeQemuStarts() throws IOException {
        Kernel kernel = TestKernel.debianCloud().named("debian-cloud");
        IOException e = assertThrows(IOException.class,
                () -> guest(kernel, withSsh.image(), withSsh.key(), NetModel.E1000, SSH_TIMEOUT).boot());
        assertTrue(e.getMessage().startsWith("kernel debian-cloud has no e1000 driver (neither built in nor a module in "), e.getMessage());
        assertTrue(e.getMessage().endsWith("choose another network model, e.g. virtio-net"), e.getMessage());
    }
}
