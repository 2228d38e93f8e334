package dev.kbench.run;

import dev.kbench.results.HostFingerprint;
import dev.kbench.results.RunSetup;
import dev.kbench.vm.Accel;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@link RunSetup} of an experiment as it starts: what it compares, how, where and with what. */
final class RunSetups {

    private RunSetups() {
    }

    static RunSetup of(Experiment experiment, Accel accel, HostFingerprint host) throws IOException {
        Map<String, String> kernels = new LinkedHashMap<>();
        Map<String, String> variants = experiment.guest().kernels().variants().definitions();
        experiment.kernels().forEach(k -> kernels.put(k, variants.getOrDefault(k, k)));
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("mem", experiment.memoryMib() + " MiB");
        settings.put("cpus", experiment.pinning().map(Object::toString).orElse("none (not pinned)"));
        settings.put("image", experiment.image().map(p -> p.toAbsolutePath().toString()).orElse("none (kbench's initramfs)"));
        settings.put("scale", experiment.scale().describe(experiment.workloads(), accel));
        return new RunSetup(kernels, accel.qemuName(), experiment.warmups(), experiment.runs(), experiment.order().optionName(),
                experiment.seed(), settings, experiment.units(), experiment.suiteName().orElse(null),
                host.name() + " (Linux " + host.kernel() + ", " + host.cores() + " CPUs)", host.qemu(), host.kbench(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), List.of(), List.of(host), experiment.shard().map(Shard::toString).orElse(null));
    }
}
