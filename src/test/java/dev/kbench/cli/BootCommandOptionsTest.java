package dev.kbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.ExitStatus;
import dev.kbench.boot.CacheMode;
import dev.kbench.vm.Accel;
import dev.kbench.vm.Machine;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code kbench boot}'s options, in process. A boot command that gets past its options starts
 * booting, so only refused command lines are executed here; the rest is parsed.
 */
class BootCommandOptionsTest extends InProcessCliTest {

    @Test
    void helpListsTheOptionsWithTheirDefaults() {
        String help = help("boot");
        assertTrue(describe(help, "--kernels").startsWith("-k, --kernels=KERNEL... The kernels: "), help);
        assertTrue(describe(help, "--boots").endsWith("Default: 10."), help);
        assertTrue(describe(help, "--cache").endsWith("Default: warm."), help);
        assertTrue(describe(help, "--mem").endsWith("Default: 256."), help);
        assertTrue(describe(help, "--accel").endsWith("Default: auto."), help);
        assertTrue(describe(help, "--machine").endsWith("Default: pc."), help);
        assertTrue(describe(help, "--rootfs").endsWith("Default: none."), help);
        assertTrue(describe(help, "--out").endsWith("Default: boot."), help);
        describe(help, "--variants");
    }

    @Test
    void defaultsReachTheOptions() {
        BootCommand boot = parse(BootCommand.class, "boot", "-k", "default");
        assertEquals(List.of("default"), boot.kernels.kernels);
        assertEquals(10, boot.boots.boots);
        assertEquals(CacheMode.WARM, boot.cache);
        assertEquals(List.of(256), boot.vm.memory.sizes);
        assertEquals(Accel.AUTO, boot.vm.accel());
        assertEquals(Machine.PC, boot.vm.machine);
        assertEquals("none", boot.rootfs);
        assertNull(boot.variants.file);
        assertEquals(Path.of("boot"), boot.output.out);
    }

    @Test
    void optionsAreParsedIntoValues() {
        BootCommand boot = parse(BootCommand.class, "boot", "-k", "a", "b", "--boots", "3", "--cache", "COLD", "--mem", "256", "1024",
                "--accel", "kvm", "--machine", "microvm", "--rootfs", "nvme", "-o", "out/b");
        assertEquals(List.of("a", "b"), boot.kernels.kernels);
        assertEquals(3, boot.boots.boots);
        assertEquals(CacheMode.COLD, boot.cache);
        assertEquals(List.of(256, 1024), boot.vm.memory.sizes);
        assertEquals(Accel.KVM, boot.vm.accel());
        assertEquals(Machine.MICROVM, boot.vm.machine);
        assertEquals("nvme", boot.rootfs);
        assertEquals(Path.of("out/b"), boot.output.out);
    }

    @Test
    void badValuesAreUsageErrorsNamingTheOption() {
        assertUsageError(execute("boot", "-k", "x", "--machine", "q35"), "boot",
                "Invalid value for option '--machine': unknown machine 'q35': use pc or microvm");
        assertUsageError(execute("boot", "-k", "x", "--cache", "tepid"), "boot",
                "Invalid value for option '--cache': unknown cache mode 'tepid': use warm or cold");
        assertUsageError(execute("boot", "-k", "x", "--accel", "warp"), "boot",
                "Invalid value for option '--accel': unknown accelerator 'warp': use auto, kvm, tcg or icount");
        assertUsageError(execute("boot", "-k", "x", "--boots", "ten"), "boot", "Invalid value for option '--boots': 'ten' is not an int");
        assertUsageError(execute("boot", "-k", "x", "--mem", "big"), "boot", "Invalid value for option '--mem' at index 0 (MiB): 'big' is not an int");
    }

    @Test
    void aRootDiskOtherThanNvmeOrVirtioBlkIsAUsageError() {
        assertUsageError(execute("boot", "-k", "x", "--rootfs", "floppy"), "boot", "Invalid value for option '--rootfs': 'floppy': use none, nvme or virtio-blk");
        // a disk model, but not one a kbench root file system goes on: refused here, not after the kernel is prepared
        assertUsageError(execute("boot", "-k", "x", "--rootfs", "virtio-scsi"), "boot",
                "Invalid value for option '--rootfs': 'virtio-scsi': use none, nvme or virtio-blk");
    }

    @Test
    void kernelsAreRequired() {
        assertUsageError(execute("boot"), "boot", "Missing required option: '--kernels=KERNELS'");
    }

    @Test
    void aMissingVariantsFileIsOneLine() {
        assertOneLineError(execute("boot", "-k", "x", "--variants", "/no/such.conf"), ExitStatus.BAD_INPUT, "kernel variants file not found: /no/such.conf");
    }

    @Test
    void countingInstructionsNeedsAnEmulatedAcceleratorAndNamesWhatItCounts() {
        BootCommand boot = parse(BootCommand.class, "boot", "-k", "default", "--count", "instructions");
        assertEquals(Optional.of(BootCommand.CountMode.INSTRUCTIONS), boot.count);
        assertEquals(Optional.empty(), parse(BootCommand.class, "boot", "-k", "default").count, "off unless asked");
        assertUsageError(execute("boot", "-k", "x", "--count", "cycles"), "boot",
                "Invalid value for option '--count': 'cycles' cannot be counted: use --count instructions");
        assertUsageError(execute("boot", "-k", "x", "--count", "instructions", "--accel", "kvm"), "boot",
                "--count instructions needs an emulated accelerator (QEMU's TCG plugin sees no instruction that KVM runs):"
                        + " use --accel tcg or icount, not kvm");
    }
}
