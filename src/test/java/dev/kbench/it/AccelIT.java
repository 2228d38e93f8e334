package dev.kbench.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.CacheDirectory;
import dev.kbench.guest.GuestImage;
import dev.kbench.kernel.Kernel;
import dev.kbench.vm.Accel;
import dev.kbench.vm.AccelChooser;
import dev.kbench.vm.BootException;
import dev.kbench.vm.Vm;
import dev.kbench.vm.VmSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code auto} must end in a working run on any host, and {@code kvm} must either work or say
 * why not. On machines where nested KVM cannot boot Linux the second branch is what runs.
 */
class AccelIT {

    @TempDir
    Path tmp;

    @AfterEach
    void noQemuIsLeftRunning() {
        assertEquals(List.of(), QemuProcesses.ours());
    }

    private VmSpec spec(Accel accel) throws IOException {
        Kernel kernel = TestKernel.debianCloud().named("debian-cloud");
        Path image = new GuestImage(CacheDirectory.fromEnvironment().folder("initramfs")).buildFor(kernel);
        return VmSpec.builder(kernel, image).accel(accel).bootTimeout(Duration.ofSeconds(60)).build();
    }

    @Test
    void autoProbesOnceRecordsTheVerdictAndBoots() throws IOException {
        Path verdict = tmp.resolve("accel.properties");
        ByteArrayOutputStream firstLog = new ByteArrayOutputStream();
        Accel first = new AccelChooser(verdict, new PrintStream(firstLog, true)).resolve(spec(Accel.AUTO)).accel();
        assertTrue(Files.readString(verdict).contains("accel=" + first.qemuName()));
        if (first == Accel.TCG) {
            assertTrue(firstLog.toString().contains("kbench: warning: using TCG, the numbers are emulated ("), firstLog.toString());
            // /dev/kvm that cannot run the guest (nested KVM here) says so, not "raise the boot timeout"
            assertTrue(!firstLog.toString().contains("raise the boot timeout"), firstLog.toString());
        }
        ByteArrayOutputStream secondLog = new ByteArrayOutputStream();
        assertEquals(first, new AccelChooser(verdict, new PrintStream(secondLog, true)).resolve(spec(Accel.AUTO)).accel());
        assertTrue(!secondLog.toString().contains("probing"), "the cached verdict was not used: " + secondLog);
        try (Vm vm = Vm.boot(spec(first))) {
            assertTrue(vm.agent().pingOnce(Duration.ofSeconds(10)));
        }
    }

    /**
     * A KVM guest that stalls without a word, for real: this host's nested KVM aborts QEMU under
     * kbench's {@code -cpu host}, but runs a guest under {@code -cpu kvm64} that prints nothing
     * at all, as {@code -cpu host} does on hosts whose nested KVM stalls. A wrapper standing in
     * for the QEMU binary makes that swap, so the probe meets such a stall.
     */
    @Test
    void theKvmProbeNamesAGuestThatStallsWithoutPrinting() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(Path.of("/dev/kvm")), "no usable /dev/kvm");
        Path wrapper = tmp.resolve("qemu-kvm64");
        Files.writeString(wrapper, """
                #!/bin/sh
                for arg; do shift; [ "$arg" = host ] && arg=kvm64; set -- "$@" "$arg"; done
                exec qemu-system-x86_64 "$@"
                """);
        wrapper.toFile().setExecutable(true);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        VmSpec spec = spec(Accel.AUTO).toBuilder().qemuBinary(wrapper.toString()).build();
        VmSpec chosen = new AccelChooser(tmp.resolve("accel.properties"), new PrintStream(log, true)).resolve(spec);
        if (chosen.accel() == Accel.KVM) {
            return; // a host whose KVM runs a kvm64 guest: nothing stalls here
        }
        assertTrue(log.toString().contains("kbench: warning: using TCG, the numbers are emulated (KVM guest printed nothing in 30 s: "
                + "nested virtualization that cannot run it? (use --accel tcg))"), log.toString());
    }

    @Test
    void explicitKvmBootsOrSaysWhyAndWhatToDo() throws IOException {
        try (Vm vm = Vm.boot(spec(Accel.KVM))) {
            assertEquals(Accel.KVM, vm.accel());
            assertTrue(vm.agent().pingOnce(Duration.ofSeconds(10)));
        } catch (BootException e) {
            assertTrue(e.getMessage().startsWith("kernel debian-cloud did not boot: "), e.getMessage());
            assertTrue(e.reason().contains("KVM") && e.reason().contains("use --accel tcg"), e.reason());
            // a nested KVM that stalls or aborts is named, not taken for a slow kernel (here QEMU
            // aborts at start-up under -cpu host: "failed to set MSR 0x10a")
            assertTrue(!e.reason().contains("raise the boot timeout"), e.reason());
        } catch (IOException e) {
            // no usable /dev/kvm at all
            assertTrue(e.getMessage().startsWith("KVM is not usable: /dev/kvm"), e.getMessage());
        }
    }
}
