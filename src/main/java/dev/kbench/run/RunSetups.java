package dev.kbench.run;

import dev.kbench.results.RunSetup;
import dev.kbench.vm.Accel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.zeroturnaround.exec.ProcessExecutor;

/** The {@link RunSetup} of an experiment as it starts: what it compares, how, where and with what. */
final class RunSetups {

    private RunSetups() {
    }

    static RunSetup of(Experiment experiment, Accel accel) {
        Map<String, String> kernels = new LinkedHashMap<>();
        Map<String, String> variants = experiment.guest().kernels().variants().definitions();
        experiment.kernels().forEach(k -> kernels.put(k, variants.getOrDefault(k, k)));
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("mem", experiment.memoryMib() + " MiB");
        settings.put("cpus", experiment.pinning().map(Object::toString).orElse("none (not pinned)"));
        settings.put("image", experiment.image().map(p -> p.toAbsolutePath().toString()).orElse("none (kbench's initramfs)"));
        settings.put("scale", experiment.scale() + " x the built-in workloads' default counts");
        return new RunSetup(kernels, accel.qemuName(), experiment.warmups(), experiment.runs(), experiment.order().optionName(),
                experiment.seed(), settings, experiment.units(), experiment.suiteName().orElse(null), host(), qemuVersion(), kbenchVersion(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), List.of());
    }

    /** The host's name, kernel and CPUs, from /proc: no name lookup that could hang on a machine without DNS. */
    private static String host() {
        return proc("hostname") + " (Linux " + proc("osrelease") + ", " + Runtime.getRuntime().availableProcessors() + " CPUs)";
    }

    private static String proc(String name) {
        try {
            return Files.readString(Path.of("/proc/sys/kernel", name)).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** QEMU's first line of {@code --version}; a setup is a record, so a QEMU that does not answer is said, not fatal. */
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
        try (InputStream in = RunSetups.class.getResourceAsStream("/META-INF/maven/dev.kbench/kbench/pom.properties")) {
            if (in == null) {
                return "unknown (not run from kbench's jar)";
            }
            Properties pom = new Properties();
            pom.load(in);
            return pom.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
