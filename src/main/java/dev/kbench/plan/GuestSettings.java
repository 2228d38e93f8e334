package dev.kbench.plan;

import dev.kbench.CacheDirectory;
import dev.kbench.Settings;
import dev.kbench.guest.Transport;
import dev.kbench.kernel.KernelSources;
import dev.kbench.kernel.Variants;
import dev.kbench.vm.DiskModel;
import dev.kbench.vm.NetModel;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * How every VM of a run is made and reached, beyond what a JMH {@code @Param} says (kernel,
 * accelerator, memory, CPUs) and which disk image it boots: where kernels and the cache are, the
 * disk image's login and devices, the timeouts and the logs. The parent builds it once; a JMH fork
 * receives it in its {@code dev.kbench.jmh.ForkPlan}, which {@code ForkHandOff} hands over, the
 * one place it crosses a process boundary.
 *
 * @param key root's private key for a disk image
 * @param transport how a disk image's guest runs workloads
 * @param disk the disk image's disk model
 * @param net the disk image's network card
 * @param runLog where each workload run is appended as it ends
 * @param bootLog where each measured boot is appended as it ends
 */
public record GuestSettings(CacheDirectory cache, KernelSources kernels, Path key, Transport transport, DiskModel disk, NetModel net,
        Duration bootTimeout, Duration runTimeout, Path runLog, Path bootLog) {

    public GuestSettings {
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(kernels, "kernels");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(disk, "disk");
        Objects.requireNonNull(net, "net");
        Objects.requireNonNull(runLog, "runLog");
        Objects.requireNonNull(bootLog, "bootLog");
        // a JMH fork may start elsewhere: the logs it appends to are named absolutely
        runLog = runLog.toAbsolutePath();
        bootLog = bootLog.toAbsolutePath();
        if (bootTimeout.isNegative() || bootTimeout.isZero() || runTimeout.isNegative() || runTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive: boot " + bootTimeout.toSeconds() + " s, run "
                    + runTimeout.toSeconds() + " s");
        }
    }

    /** kbench's defaults, with what the environment sets (read once, by the caller) taking their place. */
    public static GuestSettings from(Settings env) throws IOException {
        Variants variants = env.variants().isPresent() ? Variants.read(env.variants().get()) : Variants.NONE;
        return new GuestSettings(env.cache(), new KernelSources(variants, env.kernel(), env.modules()),
                env.key().orElse(env.home().resolve(".ssh/id_rsa")), Transport.AGENT, DiskModel.VIRTIO_SCSI, NetModel.E1000,
                env.bootTimeout().orElse(Duration.ofSeconds(120)), env.runTimeout().orElse(Duration.ofSeconds(300)),
                env.runLog().orElse(Path.of("kbench-runs.jsonl")), env.bootLog().orElse(Path.of("kbench-boots.jsonl")));
    }

    public GuestSettings withKernels(KernelSources sources) {
        return new GuestSettings(cache, sources, key, transport, disk, net, bootTimeout, runTimeout, runLog, bootLog);
    }

    /** The disk image's login, way of running workloads and devices. */
    public GuestSettings withImageAccess(Path privateKey, Transport how, DiskModel diskModel, NetModel netModel) {
        return new GuestSettings(cache, kernels, privateKey, how, diskModel, netModel, bootTimeout, runTimeout, runLog, bootLog);
    }

    public GuestSettings withRunTimeout(Duration timeout) {
        return new GuestSettings(cache, kernels, key, transport, disk, net, bootTimeout, timeout, runLog, bootLog);
    }

    public GuestSettings withRunLog(Path file) {
        return new GuestSettings(cache, kernels, key, transport, disk, net, bootTimeout, runTimeout, file, bootLog);
    }

    public GuestSettings withBootLog(Path file) {
        return new GuestSettings(cache, kernels, key, transport, disk, net, bootTimeout, runTimeout, runLog, file);
    }

    /**
     * The folder beside a run or boot log where failed boots leave their console and QEMU's
     * state: {@code OUT.failed-boots} for {@code OUT.runs.jsonl} or {@code OUT.boots.jsonl}.
     */
    public static Path failedBootsBeside(Path log) {
        String name = log.getFileName().toString();
        for (String suffix : List.of(".runs.jsonl", ".boots.jsonl", ".jsonl")) {
            if (name.endsWith(suffix)) {
                name = name.substring(0, name.length() - suffix.length());
                break;
            }
        }
        return log.resolveSibling(name + ".failed-boots");
    }

    /** As text a fork reads back with {@link #fromProperties}: every field, paths absolute. */
    public Properties toProperties() {
        Properties p = new Properties();
        p.setProperty("cache", cache.root().toAbsolutePath().toString());
        kernels.defaultKernel().ifPresent(k -> p.setProperty("kernel.default", k.toAbsolutePath().toString()));
        kernels.modules().ifPresent(m -> p.setProperty("kernel.modules", m.toAbsolutePath().toString()));
        kernels.variants().definitions().forEach((name, definition) -> p.setProperty("variant." + name, definition));
        p.setProperty("key", key.toAbsolutePath().toString());
        p.setProperty("transport", transport.optionName());
        p.setProperty("disk", disk.optionName());
        p.setProperty("net", net.optionName());
        p.setProperty("boot.timeout.seconds", Long.toString(bootTimeout.toSeconds()));
        p.setProperty("run.timeout.seconds", Long.toString(runTimeout.toSeconds()));
        p.setProperty("run.log", runLog.toAbsolutePath().toString());
        p.setProperty("boot.log", bootLog.toAbsolutePath().toString());
        return p;
    }

    public static GuestSettings fromProperties(Properties p) {
        java.util.Map<String, String> variants = new java.util.TreeMap<>();
        p.stringPropertyNames().stream().filter(n -> n.startsWith("variant."))
                .forEach(n -> variants.put(n.substring("variant.".length()), p.getProperty(n)));
        return new GuestSettings(new CacheDirectory(Path.of(required(p, "cache"))),
                new KernelSources(new Variants(variants), Optional.ofNullable(p.getProperty("kernel.default")).map(Path::of),
                        Optional.ofNullable(p.getProperty("kernel.modules")).map(Path::of)),
                Path.of(required(p, "key")), Transport.parse(required(p, "transport")), DiskModel.parse(required(p, "disk")),
                NetModel.parse(required(p, "net")), Duration.ofSeconds(Long.parseLong(required(p, "boot.timeout.seconds"))),
                Duration.ofSeconds(Long.parseLong(required(p, "run.timeout.seconds"))), Path.of(required(p, "run.log")),
                Path.of(required(p, "boot.log")));
    }

    private static String required(Properties p, String name) {
        String value = p.getProperty(name);
        if (value == null) {
            throw new IllegalArgumentException("kbench's settings for this JMH fork lack '" + name + "'");
        }
        return value;
    }
}
