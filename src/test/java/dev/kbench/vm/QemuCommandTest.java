package dev.kbench.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.kernel.Kernel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QemuCommandTest {

    @TempDir
    Path tmp;

    private final Kernel kernel = Kernel.atPath(Path.of("/k/bzImage"));
    private final QemuCommand.Files files = QemuCommand.Files.in(Path.of("/vm"));

    @Test
    void anInitramfsGuestHasNoDiskNetworkOrRng() {
        VmSpec spec = VmSpec.builder(kernel, Path.of("/i.cpio")).build();
        List<String> cmd = QemuCommand.build(spec, Accel.TCG, files);
        assertEquals("console=ttyS0 panic=-1 loglevel=4 kbench.channel=virtio", QemuCommand.kernelCmdline(spec));
        assertTrue(String.join(" ", cmd).contains("-kernel /k/bzImage -initrd /i.cpio -append"));
        assertTrue(cmd.contains("-S"), "QEMU starts paused, for kbench to time its start-up and continue it: " + cmd);
        for (String absent : List.of("-drive", "-netdev", "virtio-rng-pci")) {
            assertFalse(cmd.contains(absent) || String.join(" ", cmd).contains(absent), absent);
        }
    }

    @Test
    void aDiskImageBootsLikeLsmPerfWithSshOnTheGivenLoopbackPort() throws IOException {
        Path image = Files.write(tmp.resolve("debian,1.img"), new byte[4096]);
        VmSpec spec = VmSpec.builder(kernel.withCmdline("lsm=capability"), null, DiskImage.of(image)).build();
        String cmd = String.join(" ", QemuCommand.build(spec, Accel.KVM, files, 40123));
        assertEquals("console=ttyS0 panic=-1 loglevel=4 kbench.channel=virtio root=/dev/sda rw nokaslr lsm=capability",
                QemuCommand.kernelCmdline(spec));
        assertFalse(cmd.contains("-initrd"), cmd);
        assertTrue(cmd.contains("-cpu host"), cmd);
        assertTrue(cmd.contains("-drive file=" + tmp.resolve("debian,,1.img") + ",format=raw,if=none,id=root,cache=writeback,snapshot=on"), cmd);
        assertTrue(cmd.contains("-device virtio-scsi-pci,id=scsi0 -device scsi-hd,bus=scsi0.0,drive=root"), cmd);
        assertTrue(cmd.contains("-netdev user,id=net0,hostfwd=tcp:127.0.0.1:40123-:22 -device e1000,netdev=net0"), cmd);
        assertTrue(cmd.contains("-device virtio-rng-pci,rng=rng0"), cmd);
    }

    @Test
    void theInitramfsMountsTheImageInInitrdModeOnTheChosenModels() throws IOException {
        Path image = Files.write(tmp.resolve("q.img"), new byte[] {'Q', 'F', 'I', (byte) 0xfb, 0, 0, 0, 3});
        DiskImage disk = DiskImage.of(image).disk(DiskModel.NVME).net(NetModel.VIRTIO_NET).persistent(true);
        VmSpec spec = VmSpec.builder(kernel, Path.of("/i.cpio"), disk).build();
        String cmd = String.join(" ", QemuCommand.build(spec, Accel.TCG, files, 2222));
        assertEquals("console=ttyS0 panic=-1 loglevel=4 kbench.channel=virtio root=/dev/nvme0n1 rw nokaslr kbench.mode=initrd",
                QemuCommand.kernelCmdline(spec));
        assertTrue(cmd.contains("format=qcow2,if=none,id=root,cache=writeback -device nvme,serial=kbench0,drive=root"), cmd);
        assertTrue(cmd.contains("-device virtio-net-pci,netdev=net0"), cmd);
    }

    @Test
    void modelsParseAsTheCommandLineSpellsThem() {
        assertEquals(DiskModel.VIRTIO_BLK, DiskModel.parse("virtio-blk"));
        assertEquals(NetModel.VIRTIO_NET, NetModel.parse("Virtio-Net"));
        assertEquals("virtio-scsi", DiskModel.VIRTIO_SCSI.optionName());
    }

    @Test
    void microvmUnderTcgGetsATimerAndTheHostsTscFrequency() throws Exception {
        java.nio.file.Path initramfs = java.nio.file.Files.createTempFile("kbench", ".cpio");
        VmSpec spec = VmSpec.builder(dev.kbench.kernel.Kernel.atPath(java.nio.file.Path.of("/boot/vmlinuz")), initramfs)
                .machine(Machine.MICROVM).build();
        List<String> command = QemuCommand.build(spec, Accel.TCG, QemuCommand.Files.in(java.nio.file.Path.of("/tmp/x")));
        assertTrue(command.contains("microvm,pit=on,pic=on,rtc=on"), command.toString());
        assertTrue(command.contains("virtio-serial-device,id=vserial"), command.toString());
        String cmdline = command.get(command.indexOf("-append") + 1);
        assertEquals(HostTsc.khz().isPresent(), cmdline.contains(" tsc_early_khz="), cmdline);
        assertFalse(QemuCommand.kernelCmdline(spec, Accel.KVM).contains("tsc_early_khz"), "KVM guests have kvmclock");
        java.nio.file.Files.delete(initramfs);
    }

    @Test
    void aMicrovmWithoutAcpiAndAVirtioBlkRootIsFirecrackersMachine() throws Exception {
        java.nio.file.Path image = java.nio.file.Files.createTempFile("kbench", ".ext4");
        VmSpec spec = VmSpec.builder(dev.kbench.kernel.Kernel.atPath(java.nio.file.Path.of("/boot/bzImage")), null)
                .rootfs(new RootFs(image, DiskModel.VIRTIO_BLK)).machine(Machine.MICROVM).acpi(false).build();
        List<String> command = QemuCommand.build(spec, Accel.TCG, QemuCommand.Files.in(java.nio.file.Path.of("/tmp/x")));
        assertTrue(command.contains("microvm,pit=on,pic=on,rtc=on,acpi=off"), command.toString());
        assertTrue(command.contains("virtio-blk-device,drive=rootfs"), command.toString());
        assertFalse(command.contains("-initrd"), command.toString());
        assertTrue(QemuCommand.kernelCmdline(spec, Accel.TCG).contains("root=/dev/vda rw rootwait init=/init"));
        assertTrue(spec.toBuilder().build().acpi() == false, "toBuilder keeps ACPI off");
        assertTrue(QemuCommand.build(spec.toBuilder().acpi(true).build(), Accel.TCG, QemuCommand.Files.in(java.nio.file.Path.of("/tmp/x")))
                .contains("microvm,pit=on,pic=on,rtc=on"));
        assertEquals("kernel /boot/bzImage has no ACPI, and microvm without ACPI has no PCIe for an NVMe root disk: use --rootfs virtio-blk",
                org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                        () -> spec.toBuilder().rootfs(new RootFs(image, DiskModel.NVME)).build()).getMessage());
        java.nio.file.Files.delete(image);
    }

    @Test
    void tcgGuestsSkipTheKernelsTimerSelfTestAsKvmGuestsDo() {
        VmSpec spec = VmSpec.builder(kernel, Path.of("/i.cpio")).build();
        assertEquals("console=ttyS0 panic=-1 loglevel=4 kbench.channel=virtio no_timer_check", QemuCommand.kernelCmdline(spec, Accel.TCG));
        assertFalse(QemuCommand.kernelCmdline(spec, Accel.KVM).contains("no_timer_check"), "Linux sets it by itself on KVM");
        VmSpec microvm = spec.toBuilder().machine(Machine.MICROVM).build();
        assertTrue(QemuCommand.kernelCmdline(microvm, Accel.TCG).contains(" no_timer_check"), "microvm has an IO-APIC too");
    }

    @Test
    void icountIsTcgCountingInstructionsOnOneVcpu() throws Exception {
        java.nio.file.Path initramfs = java.nio.file.Files.createTempFile("kbench", ".cpio");
        VmSpec spec = VmSpec.builder(dev.kbench.kernel.Kernel.atPath(java.nio.file.Path.of("/boot/vmlinuz")), initramfs).build();
        String icount = String.join(" ", QemuCommand.build(spec, Accel.ICOUNT, QemuCommand.Files.in(java.nio.file.Path.of("/tmp/x"))));
        assertTrue(icount.contains(" -accel tcg -cpu max -icount shift=0 -m 512 -smp 1 "), icount);
        String tcg = String.join(" ", QemuCommand.build(spec, Accel.TCG, QemuCommand.Files.in(java.nio.file.Path.of("/tmp/x"))));
        assertTrue(tcg.contains(" -accel tcg -cpu max -m 512 -smp 2 ") && !tcg.contains("-icount"), tcg);
        assertEquals(Accel.ICOUNT, Accel.parse("icount"));
        assertEquals("icount", Accel.ICOUNT.qemuName());
        assertTrue(icount.contains(" no_timer_check"), "under icount the timer check's busy-wait only costs host time: " + icount);
        java.nio.file.Files.delete(initramfs);
    }
}
