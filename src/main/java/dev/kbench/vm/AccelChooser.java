package dev.kbench.vm;

import dev.kbench.KbenchException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/**
 * Decides what {@code --accel auto} means on this host. KVM is tried only when {@code /dev/kvm}
 * is usable, and then by really booting the kernel under test with a deadline, because a
 * nested KVM can open the device and still be unable to run Linux. The verdict is cached per
 * host boot and QEMU binary, so JMH forks and later runs do not probe again.
 */
public final class AccelChooser {

    static final Path KVM_DEVICE = Path.of("/dev/kvm");
    private static final Duration PROBE_DEADLINE = Duration.ofSeconds(30);

    private final Path verdictFile;
    private final PrintStream log;

    public AccelChooser(Path verdictFile, PrintStream log) {
        this.verdictFile = verdictFile;
        this.log = log;
    }

    /** {@code spec} with a concrete accelerator: AUTO resolves to KVM or TCG, saying why on TCG. */
    public VmSpec resolve(VmSpec spec) throws IOException {
        if (spec.accel() != Accel.AUTO) {
            return spec;
        }
        AccelVerdict verdict = verdict(spec);
        if (!verdict.kvm()) {
            log.println("kbench: warning: using TCG, the numbers are emulated (" + verdict.reason() + ")");
        }
        return spec.toBuilder().accel(verdict.accel()).build();
    }

    /**
     * What AUTO means for {@code spec}'s kernel on this host, and why, without the warning
     * {@link #resolve} prints: for a command that falls back to something other than TCG.
     */
    public AccelVerdict verdict(VmSpec spec) throws IOException {
        String key = hostKey(spec.qemuBinary());
        Properties cached = load();
        if (key.equals(cached.getProperty("host"))) {
            return new AccelVerdict(Accel.parse(cached.getProperty("accel")), cached.getProperty("reason", "decided earlier on this host boot"));
        }
        AccelVerdict verdict = probe(spec);
        Properties record = new Properties();
        record.setProperty("host", key);
        record.setProperty("accel", verdict.accel().qemuName());
        record.setProperty("reason", verdict.reason());
        store(record);
        return verdict;
    }

    private AccelVerdict probe(VmSpec spec) throws IOException {
        if (!kvmDeviceUsable()) {
            return new AccelVerdict(Accel.TCG, "/dev/kvm is missing or not accessible");
        }
        log.println("kbench: probing whether KVM can boot " + spec.kernel().name() + " (at most " + PROBE_DEADLINE.toSeconds() + " s) ...");
        try (Vm probe = Vm.boot(spec.toBuilder().bootTimeout(PROBE_DEADLINE).accel(Accel.KVM).build())) {
            return new AccelVerdict(Accel.KVM, "a probe boot under KVM took " + probe.bootDuration().toMillis() + " ms");
        } catch (BootException e) {
            // e.g. "KVM guest printed nothing in 30 s: nested virtualization that cannot run it?"
            return new AccelVerdict(Accel.TCG, e.reason().startsWith("KVM") ? e.reason() : "KVM could not boot the guest: " + e.reason());
        }
    }

    /** For an explicit {@code --accel kvm}: fail at once, with what to do, when the device is unusable. */
    static void requireKvmDevice() throws IOException {
        if (!kvmDeviceUsable()) {
            throw new KbenchException(KbenchException.Kind.INFRASTRUCTURE, "KVM is not usable: " + KVM_DEVICE + " is missing or not readable and writable by this user"
                    + " (load kvm_intel/kvm_amd, add yourself to group kvm, or use --accel tcg)");
        }
    }

    static boolean kvmDeviceUsable() {
        return Files.exists(KVM_DEVICE) && Files.isReadable(KVM_DEVICE) && Files.isWritable(KVM_DEVICE);
    }

    /** Identifies this host boot and QEMU: a reboot or a QEMU upgrade asks again. */
    private static String hostKey(String qemuBinary) {
        String bootId;
        try {
            bootId = Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip();
        } catch (IOException e) {
            bootId = "unknown-boot";
        }
        return bootId + "/" + qemuBinary;
    }

    private Properties load() {
        Properties properties = new Properties();
        if (Files.exists(verdictFile)) {
            try (InputStream in = Files.newInputStream(verdictFile)) {
                properties.load(in);
            } catch (IOException e) {
                // an unreadable verdict is probed again
            }
        }
        return properties;
    }

    private void store(Properties properties) throws IOException {
        Files.createDirectories(verdictFile.toAbsolutePath().getParent());
        Path temporary = Files.createTempFile(verdictFile.toAbsolutePath().getParent(), ".accel", ".tmp");
        try (OutputStream out = Files.newOutputStream(temporary)) {
            properties.store(out, "kbench's verdict for --accel auto on this host boot");
        }
        Files.move(temporary, verdictFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
