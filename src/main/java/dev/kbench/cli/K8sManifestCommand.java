package dev.kbench.cli;

import dev.kbench.cluster.K8sManifest;
import dev.kbench.cluster.MemorySize;
import dev.kbench.cluster.ResultsVolume;
import dev.kbench.cluster.ShardResources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Unmatched;

/**
 * {@code kbench k8s manifest}: the Kubernetes Jobs that run one experiment as N shards, each in a
 * pod of its own with KVM and CPUs of its own, and merge their outputs. It writes YAML only; it
 * talks to no cluster.
 */
@Command(name = "manifest", mixinStandardHelpOptions = true, sortOptions = false,
        customSynopsis = "kbench k8s manifest --shards=N --container-image=IMAGE --results-claim=NAME [options] -- RUN-OPTIONS...",
        description = {
            "Writes the Kubernetes objects that run 'kbench run RUN-OPTIONS' as N shards and merge them (docs/cluster.md):"
                    + " an Indexed Job NAME whose pod K-1 runs 'kbench run RUN-OPTIONS --shard K/N' with Guaranteed QoS (CPU and"
                    + " memory requests equal to limits, whole CPUs: a kubelet with the static CPU manager policy gives it CPUs of"
                    + " its own) and /dev/kvm from a device plugin; and a Job NAME-merge that runs 'kbench merge OUT', created"
                    + " suspended, since Kubernetes starts no Job after another. Every shard runs the same order: RUN-OPTIONS'"
                    + " --seed, else one drawn and printed (on stderr when the YAML goes to stdout).",
            "Run it with the steps written at its top: kubectl apply -f FILE; kubectl wait --for=condition=complete job/NAME;"
                    + " then resume NAME-merge with kubectl patch (suspend: false).",
            "The image must hold kbench on its PATH, a JDK 17 and QEMU, and whatever RUN-OPTIONS name (kernels, disk images)"
                    + " unless they are on the results volume. Nothing is sent to a cluster: the YAML goes to stdout, or to -f FILE."})
final class K8sManifestCommand implements Callable<Integer> {

    @ParentCommand
    K8sCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    ShardsOption shardsOption;

    @Option(names = "--container-image", required = true, paramLabel = "IMAGE",
            description = "The container image of every pod: it must hold kbench on its PATH (the launcher with target/benchmarks.jar"
                    + " built), a JDK 17 and QEMU, and the tools kbench run needs (docs/cluster.md).")
    String image;

    @Option(names = "--results-claim", required = true, paramLabel = "NAME",
            description = "The PersistentVolumeClaim the shards write to and the merge reads from. Shards on several nodes write"
                    + " to it at once: it must be ReadWriteMany.")
    String claim;

    @Option(names = "--mount-path", paramLabel = "PATH", defaultValue = ResultsVolume.DEFAULT_MOUNT_PATH,
            description = "Where the claim is mounted in the pods. Without -o in RUN-OPTIONS the output is PATH/NAME/lsm-perf.csv;"
                    + " with it, -o must be an absolute path under PATH. Default: ${DEFAULT-VALUE}.")
    Path mountPath;

    @Option(names = "--cpus", paramLabel = "N", defaultValue = "3", converter = Converters.WholeCpusConverter.class,
            description = "Whole CPUs per shard, requested and limited alike: 3 for QEMU's threads and the two vCPUs, as"
                    + " kbench run -c pins them. Default: ${DEFAULT-VALUE}.")
    int cpus;

    @Option(names = "--memory", paramLabel = "SIZE",
            description = "Memory per shard, requested and limited alike: MiB, or e.g. 6144Mi or 6Gi. Default: the guest's"
                    + " (RUN-OPTIONS' --mem, else 4096 MiB with -i, else 512) plus "
                    + ShardResources.HOST_SIDE_MIB + " MiB for kbench's JVMs and QEMU.")
    MemorySize memory;

    @Option(names = "--kvm-resource", paramLabel = "NAME", defaultValue = ShardResources.KUBEVIRT_KVM,
            description = "The extended resource through which a device plugin hands out /dev/kvm, one per shard:"
                    + " devices.kubevirt.io/kvm (KubeVirt), or another plugin's, e.g. squat.ai/kvm (generic-device-plugin)."
                    + " Default: ${DEFAULT-VALUE}.")
    String kvmResource;

    @Option(names = "--pin", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Each shard pins QEMU and its vCPUs (kbench run -c) to the first 3 CPUs its container was given, and"
                    + " fails if the container may use more or fewer CPUs than --cpus (no static CPU manager policy on its node)."
                    + " --no-pin runs unpinned, or with your own -c. Default: pinned.")
    boolean pin;

    @Option(names = "--parallelism", paramLabel = "P",
            description = "How many shards run at once. Default: all of them (--shards).")
    Integer parallelism;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "1",
            description = "New pods a failed shard gets (backoffLimitPerIndex, Kubernetes 1.29 or later); a failed shard"
                    + " stops no other. Default: ${DEFAULT-VALUE}.")
    int retries;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = K8sManifest.DEFAULT_NAME,
            description = "The shards' Job; the merge's is NAME-merge. Default: ${DEFAULT-VALUE}.")
    String name;

    @Option(names = "--namespace", paramLabel = "NAMESPACE",
            description = "The Jobs' namespace. Default: none written, so kubectl's current one.")
    String namespace;

    @Option(names = "--label", paramLabel = "KEY=VALUE",
            description = "A label for both Jobs and their pods, besides kbench's app.kubernetes.io/ ones. Repeatable.")
    Map<String, String> labels = new LinkedHashMap<>();

    @Option(names = "--node-selector", paramLabel = "KEY=VALUE",
            description = "A node label the shards' pods require, e.g. one on the nodes with the static CPU manager policy. Repeatable.")
    Map<String, String> nodeSelector = new LinkedHashMap<>();

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Write the YAML to FILE. Default: stdout.")
    Path file;

    @Parameters(paramLabel = "RUN-OPTIONS", arity = "0..*",
            description = "After --: kbench run's options for every shard, checked here by kbench run's own parser."
                    + " Without --shard (each pod gets its own), --resume, or -c unless --no-pin.")
    List<String> runOptions = new ArrayList<>();

    /** Run options given without the -- before them: named in the error, not picocli's bare 'Unknown option'. */
    @Unmatched
    List<String> unmatched = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        if (shardsOption.shards == null) {
            throw usageError("Missing required option: '--shards=N'");
        }
        boolean separated = spec.commandLine().getParseResult().originalArgs().contains("--");
        if (!unmatched.isEmpty() || !runOptions.isEmpty() && !separated) {
            String stray = unmatched.isEmpty() ? runOptions.get(0) : unmatched.get(0);
            throw usageError(stray + ": not an option of kbench k8s manifest; put kbench run's options after --");
        }
        ShardRunOptions run;
        K8sManifest manifest;
        try {
            ResultsVolume volume = new ResultsVolume(claim, mountPath);
            run = ShardRunOptions.of(runOptions, parent.kbench.settings(), volume, name, pin);
            manifest = manifest(volume, run);
        } catch (IllegalArgumentException e) {
            throw usageError(e.getMessage());
        }
        String seedLine = run.seed().line(shardsOption.shards);
        if (file == null) {
            // stdout is the YAML, for kubectl or a file: the seed goes beside it
            spec.commandLine().getErr().println(seedLine);
            spec.commandLine().getErr().flush();
            System.out.print(manifest.yaml());
            return 0;
        }
        Files.writeString(file, manifest.yaml(), StandardCharsets.UTF_8);
        System.out.println(seedLine);
        System.out.println("kbench: wrote " + file + "; run it with:");
        manifest.steps(file.toString()).forEach(step -> System.out.println("  " + step));
        return 0;
    }

    private K8sManifest manifest(ResultsVolume volume, ShardRunOptions run) {
        MemorySize shardMemory = memory != null ? memory : ShardResources.memoryForGuest(run.guestMemoryMib());
        if (shardMemory.mib() <= run.guestMemoryMib()) {
            throw new IllegalArgumentException("--memory " + shardMemory.quantity() + " leaves nothing beside the guest's "
                    + run.guestMemoryMib() + " MiB (--mem): give more, or leave --memory out");
        }
        K8sManifest.Builder builder = K8sManifest.builder().name(name).namespace(Optional.ofNullable(namespace)).image(image)
                .shards(shardsOption.shards).retriesPerShard(retries).pinned(pin)
                .resources(new ShardResources(cpus, shardMemory, kvmResource))
                .volume(volume).run(run.arguments(), run.out()).labels(labels).nodeSelector(nodeSelector);
        if (parallelism != null) {
            builder.parallelism(parallelism);
        }
        return builder.build();
    }

    private ParameterException usageError(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
