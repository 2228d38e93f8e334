package dev.kbench.ssh;

import dev.kbench.vm.BootException;
import dev.kbench.vm.Vm;
import dev.kbench.vm.VmSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Launches a disk-image VM and logs in as root. The SSH port is picked free just before QEMU
 * binds it, so another process may take it in between: then QEMU says so and one more launch
 * follows. Any other failure names the kernel and the cause, with the console's tail.
 */
final class ImageLaunch {

    static final String LOOPBACK = "127.0.0.1";
    private static final int PORT_ATTEMPTS = 3;

    private ImageLaunch() {
    }

    /** A logged-in VM, and the time from QEMU's start until root was logged in. */
    record Connected(Vm vm, SshConnection ssh, Duration sshReady) {
    }

    static Connected connect(VmSpec spec, Path key) throws IOException {
        for (int attempt = 1; ; attempt++) {
            long start = System.nanoTime();
            Vm vm = Vm.launch(spec);
            try {
                SshConnection ssh = SshConnection.await(LOOPBACK, vm.sshPort(), key, spec.bootTimeout(), vm::isAlive);
                return new Connected(vm, ssh, Duration.ofNanos(System.nanoTime() - start));
            } catch (SshException e) {
                boolean portTaken = vm.hasExited(Duration.ofSeconds(1)) && vm.hostPortTaken();
                IOException failure = describe(spec, vm, e);
                vm.close();
                if (!portTaken || attempt == PORT_ATTEMPTS) {
                    throw failure;
                }
            } catch (IOException | RuntimeException e) {
                vm.close();
                throw e;
            }
        }
    }

    /** One line naming the kernel and the cause; the console's tail when the guest never answered. */
    private static IOException describe(VmSpec spec, Vm vm, SshException e) {
        String kernel = spec.kernel().name();
        if (e.isAuthentication()) {
            return new SshException("kernel " + kernel + ": " + e.getMessage(), true, e);
        }
        String cause;
        if (vm.hasExited(Duration.ofSeconds(1))) {
            String diagnosis = initrdFailure(vm.consoleTail());
            cause = "QEMU exited before SSH came up" + (diagnosis.isEmpty() ? "" : ": " + diagnosis)
                    + (vm.consoleDiagnosis().isEmpty() ? "" : ": " + vm.consoleDiagnosis());
        } else {
            cause = e.getMessage() + " (raise the boot timeout if the image is just slow)";
        }
        return new BootException(kernel, cause, vm.consoleTail());
    }

    /** The line kbench's initramfs prints when it cannot mount the image, if the console has one. */
    static String initrdFailure(String consoleTail) {
        String found = "";
        for (String line : consoleTail.split("\n")) {
            int at = line.indexOf("kbench-agent: initrd: ");
            int end = line.lastIndexOf("; powering off");
            if (at >= 0 && end > at) {
                found = line.substring(at + "kbench-agent: ".length(), end).strip();
            }
        }
        return found;
    }
}
