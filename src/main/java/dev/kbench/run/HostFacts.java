package dev.kbench.run;

import dev.kbench.results.HostFingerprint;
import dev.kbench.vm.Accel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.zeroturnaround.exec.ProcessExecutor;

/**
 * What this host is, read once as an experiment starts. A fact that cannot be read is said as
 * {@code unknown (why)}: a fingerprint is a record, not a precondition.
 */
final class HostFacts {

    private HostFacts() {
    }

    static HostFingerprint fingerprint(Accel accel) {
        return new HostFingerprint(proc("hostname"), cpuModel(), Runtime.getRuntime().availableProcessors(), proc("osrelease"), qemuVersion(),
                accel.qemuName(), kbenchVersion(), kbenchCommit());
    }

    private static String proc(String name) {
        try {
            return Files.readString(Path.of("/proc/sys/kernel", name)).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try (var lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** QEMU's first line of {@code --version}. */
    private static String qemuVersion() {
        try {
            return new ProcessExecutor("qemu-system-x86_64", "--version").readOutput(true).timeout(10, TimeUnit.SECONDS).execute()
                    .outputUTF8().lines().findFirst().orElse("unknown");
        } catch (IOException | TimeoutException e) {
            return "unknown (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown (interrupted)";
        }
    }

    /** The version Maven packed into the jar. */
    private static String kbenchVersion() {
        return resource("/META-INF/maven/dev.kbench/kbench/pom.properties", "version", "unknown (not run from kbench's jar)");
    }

    /** The commit the build recorded (pom.xml's record-build-commit). */
    private static String kbenchCommit() {
        return resource("/kbench-build.properties", "commit", "unknown");
    }

    private static String resource(String name, String key, String absent) {
        try (InputStream in = HostFacts.class.getResourceAsStream(name)) {
            if (in == null) {
                return absent;
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty(key, absent);
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
