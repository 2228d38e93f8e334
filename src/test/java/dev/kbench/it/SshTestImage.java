package dev.kbench.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.zeroturnaround.exec.ProcessExecutor;

/**
 * A small ext4 disk image like the ones lsm-perf users boot, made without root or a loop
 * device ({@code mkfs.ext4 -d}): busybox as init and shell, an rc script that brings eth0 up
 * for QEMU's user networking, and dropbear with root's authorized key. Needs the Debian
 * packages busybox-static, dropbear-bin, openssh-client and e2fsprogs.
 */
final class SshTestImage {

    private final Path image;
    private final Path key;

    private SshTestImage(Path image, Path key) {
        this.image = image;
        this.key = key;
    }

    Path image() {
        return image;
    }

    /** The private key root's authorized_keys accepts. */
    Path key() {
        return key;
    }

    /** An image whose init starts dropbear; {@code withSsh} false: one whose init never does. */
    static SshTestImage build(Path dir, boolean withSsh) throws IOException {
        return build(dir, withSsh, true);
    }

    /**
     * {@code withRun} false: an image without a {@code /run} folder, as old or minimal images are;
     * kbench's initramfs then cannot leave its agent in it.
     */
    static SshTestImage build(Path dir, boolean withSsh, boolean withRun) throws IOException {
        Files.createDirectories(dir);
        Path key = newKey(dir, "id_ed25519");
        Path root = Files.createDirectories(dir.resolve("root"));
        installBusybox(root);
        if (withSsh) {
            installDropbear(root);
        }
        write(root, "etc/passwd", "root::0:0:root:/root:/bin/sh\n", "644");
        write(root, "etc/group", "root:x:0:\n", "644");
        write(root, "etc/shells", "/bin/sh\n", "644");
        write(root, "etc/inittab", "::sysinit:/etc/rc\n::ctrlaltdel:/bin/reboot\n", "644");
        write(root, "etc/rc", rc(withSsh), "755");
        for (String empty : List.of("proc", "sys", "dev", "tmp", "var/run", "var/log")) {
            Files.createDirectories(root.resolve(empty));
        }
        if (withRun) {
            Files.createDirectories(root.resolve("run"));
        }
        Path ssh = Files.createDirectories(root.resolve("root/.ssh"));
        Files.setPosixFilePermissions(root.resolve("root"), PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(ssh, PosixFilePermissions.fromString("rwx------"));
        write(root, "root/.ssh/authorized_keys", Files.readString(dir.resolve("id_ed25519.pub")), "600");
        Path image = dir.resolve((withSsh ? "ssh" : "no-ssh") + (withRun ? "" : "-no-run") + ".img");
        run("mkfs.ext4", "-q", "-F", "-L", "kbench-test", "-d", root.toString(), image.toString(), "64M");
        return new SshTestImage(image, key);
    }

    /** A fresh ed25519 key pair without a passphrase; returns the private key. */
    static Path newKey(Path dir, String name) throws IOException {
        Path key = dir.resolve(name);
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "kbench-test", "-f", key.toString());
        return key;
    }

    private static String rc(boolean withSsh) {
        List<String> lines = new ArrayList<>(List.of(
                "#!/bin/sh",
                // kbench's initramfs moves these onto the image; a kernel that mounts the image itself does not
                "[ -e /proc/self ] || mount -t proc proc /proc",
                "[ -d /sys/class ] || mount -t sysfs sysfs /sys",
                "[ -e /dev/null ] || mount -t devtmpfs devtmpfs /dev",
                "mount -t tmpfs tmpfs /tmp",
                "ip link set lo up",
                // QEMU user networking's fixed addresses
                "ip addr add 10.0.2.15/24 dev eth0",
                "ip link set eth0 up",
                "ip route add default via 10.0.2.2"));
        if (withSsh) {
            lines.add("dropbear -s -r /etc/dropbear/dropbear_ed25519_host_key -p 22 && echo 'rc: dropbear started'");
        } else {
            lines.add("echo 'rc: this image starts no SSH server'");
        }
        return String.join("\n", lines) + "\n";
    }

    private static void installBusybox(Path root) throws IOException {
        Path bin = Files.createDirectories(root.resolve("bin"));
        Path busybox = Path.of("/bin/busybox");
        Files.copy(busybox, bin.resolve("busybox"));
        copyLibraries(root, busybox); // none for busybox-static; Debian's plain busybox package needs libc
        for (String applet : run("/bin/busybox", "--list").split("\n")) {
            if (!applet.isBlank() && !applet.equals("busybox")) {
                Files.createSymbolicLink(bin.resolve(applet.strip()), Path.of("busybox"));
            }
        }
        Files.createDirectories(root.resolve("sbin"));
        Files.createSymbolicLink(root.resolve("sbin/init"), Path.of("/bin/busybox"));
        Files.createDirectories(root.resolve("usr"));
        Files.createSymbolicLink(root.resolve("usr/bin"), Path.of("/bin"));
    }

    /** dropbear is linked dynamically: its libraries and loader go where ldd found them. */
    private static void installDropbear(Path root) throws IOException {
        Path dropbear = Path.of("/usr/sbin/dropbear");
        copyInto(root, dropbear);
        copyLibraries(root, dropbear);
        Path keys = Files.createDirectories(root.resolve("etc/dropbear"));
        run("dropbearkey", "-t", "ed25519", "-f", keys.resolve("dropbear_ed25519_host_key").toString());
    }

    /** The libraries and loader ldd finds for {@code program}; none for a static one (ldd then fails). */
    private static void copyLibraries(Path root, Path program) throws IOException {
        String listing;
        try {
            listing = run("ldd", program.toString());
        } catch (IOException e) {
            return; // "not a dynamic executable"
        }
        for (String line : listing.split("\n")) {
            for (String word : line.strip().split("\\s+")) {
                if (word.startsWith("/")) {
                    copyInto(root, Path.of(word));
                }
            }
        }
    }

    private static void copyInto(Path root, Path file) throws IOException {
        Path target = root.resolve(file.toString().substring(1));
        Files.createDirectories(target.getParent());
        if (!Files.exists(target)) {
            Files.copy(file.toRealPath(), target);
        }
    }

    private static void write(Path root, String path, String content, String mode) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        String[] bits = {"---", "--x", "-w-", "-wx", "r--", "r-x", "rw-", "rwx"};
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(
                bits[mode.charAt(0) - '0'] + bits[mode.charAt(1) - '0'] + bits[mode.charAt(2) - '0']));
    }

    private static String run(String... command) throws IOException {
        String failure;
        try {
            var result = new ProcessExecutor(command).readOutput(true).redirectErrorStream(true)
                    .timeout(60, TimeUnit.SECONDS).execute();
            if (result.getExitValue() == 0) {
                return result.outputUTF8();
            }
            failure = String.join(" ", command) + " exited with " + result.getExitValue() + ": " + result.outputUTF8();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted running " + command[0], e);
        } catch (TimeoutException e) {
            throw new IOException(command[0] + " took over 60 s", e);
        } catch (IOException e) {
            throw new IOException("cannot run " + command[0] + " (the SSH tests need busybox-static, dropbear-bin,"
                    + " openssh-client and e2fsprogs): " + e.getMessage(), e);
        }
        throw new IOException(failure);
    }
}
