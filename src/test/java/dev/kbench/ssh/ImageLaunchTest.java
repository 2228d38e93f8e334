package dev.kbench.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ImageLaunchTest {

    @Test
    void theInitramfsFailureLineIsTheCause() {
        String tail = """
                    | [    1.2] sd 0:0:0:0: [sda] Attached SCSI disk
                    | kbench-agent: initrd: mounting /dev/sda (ext4, rw) on /kbench-root: Invalid argument; powering off
                    | [    1.3] reboot: Power down""";
        assertEquals("initrd: mounting /dev/sda (ext4, rw) on /kbench-root: Invalid argument", ImageLaunch.initrdFailure(tail));
        assertEquals("", ImageLaunch.initrdFailure("    | kbench-agent: initrd: /dev/sda mounted rw; starting its /sbin/init"));
    }
}
