package dev.kbench.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The Kubernetes objects that run one kbench experiment as N shards and merge them: an Indexed
 * Job of the shards ({@link ShardJob}) and a suspended merge Job ({@link MergeJob}), on one
 * results volume. Immutable; made by {@link #builder()}, which checks every value as the API
 * server would, so that a manifest that builds is one {@code kubectl apply} takes.
 */
public final class K8sManifest {

    public static final String DEFAULT_NAME = "kbench";
    /** What the steps tell {@code kubectl wait} to wait at most: an experiment of a few hours, and room. */
    static final String WAIT = "24h";

    private final String name;
    private final Optional<String> namespace;
    private final String image;
    private final int shards;
    private final int parallelism;
    private final int retriesPerShard;
    private final ShardResources resources;
    private final boolean pinned;
    private final ResultsVolume volume;
    private final List<String> runArguments;
    private final Path out;
    private final Map<String, String> labels;
    private final Map<String, String> nodeSelector;

    private K8sManifest(Builder b) {
        this.name = KubernetesNames.dnsLabel("--name", b.name, 63 - MergeJob.SUFFIX.length());
        this.namespace = b.namespace.map(ns -> KubernetesNames.dnsLabel("--namespace", ns, 63));
        this.image = requireImage(b.image);
        if (b.shards < 1) {
            throw new IllegalArgumentException("--shards must be at least 1, not " + b.shards);
        }
        this.shards = b.shards;
        this.parallelism = b.parallelism.orElse(b.shards);
        if (parallelism < 1 || parallelism > shards) {
            throw new IllegalArgumentException("--parallelism must be from 1 to --shards (" + shards + "), not " + parallelism);
        }
        if (b.retriesPerShard < 0) {
            throw new IllegalArgumentException("--retries must be 0 or more, not " + b.retriesPerShard);
        }
        this.retriesPerShard = b.retriesPerShard;
        this.resources = Objects.requireNonNull(b.resources, "resources");
        this.pinned = b.pinned;
        if (pinned && resources.cpus() < 3) {
            throw new IllegalArgumentException("pinning QEMU and the two vCPUs (kbench run -c) needs --cpus 3 or more, not "
                    + resources.cpus() + ": give more, or --no-pin");
        }
        this.volume = Objects.requireNonNull(b.volume, "volume");
        this.runArguments = List.copyOf(b.runArguments);
        this.out = Objects.requireNonNull(b.out, "out: set it with run(arguments, out)");
        if (!volume.holds(out)) {
            throw new IllegalArgumentException("-o " + out + " is outside the results volume, mounted at " + volume.mountPath()
                    + ": give -o an absolute path under " + volume.mountPath() + " (or leave -o out)");
        }
        this.labels = checkedLabels(b.labels);
        this.nodeSelector = checkedPairs("--node-selector", b.nodeSelector);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The shards' Job, then the merge Job. */
    public List<ObjectNode> documents() {
        return List.of(ShardJob.node(this), MergeJob.node(this));
    }

    /** The documents as one multi-document YAML, under comments saying how to run them. */
    public String yaml() {
        List<String> header = new ArrayList<>(List.of(
                "kbench: " + shards + " shard" + (shards == 1 ? "" : "s") + " of kbench run (Indexed Job " + name
                        + "), then kbench merge " + out + " (Job " + mergeName() + ", created suspended).",
                "Kubernetes starts no Job after another: apply, wait for the shards, resume the merge:"));
        steps("THIS-FILE").forEach(step -> header.add("  " + step));
        return ManifestYaml.write(documents(), header);
    }

    /** The kubectl commands that run the manifest, from {@code kubectl apply -f file} to the merge's end. */
    public List<String> steps(String file) {
        String ns = namespace.map(n -> " -n " + n).orElse("");
        return List.of(
                "kubectl apply -f " + file,
                "kubectl wait" + ns + " --for=condition=complete --timeout=" + WAIT + " job/" + name,
                "kubectl patch" + ns + " job/" + mergeName() + " --type=merge -p '{\"spec\":{\"suspend\":false}}'",
                "kubectl wait" + ns + " --for=condition=complete --timeout=1h job/" + mergeName());
    }

    public String name() {
        return name;
    }

    public String mergeName() {
        return name + MergeJob.SUFFIX;
    }

    public Optional<String> namespace() {
        return namespace;
    }

    public String image() {
        return image;
    }

    public int shards() {
        return shards;
    }

    public int parallelism() {
        return parallelism;
    }

    public int retriesPerShard() {
        return retriesPerShard;
    }

    public ShardResources resources() {
        return resources;
    }

    public boolean pinned() {
        return pinned;
    }

    public ResultsVolume volume() {
        return volume;
    }

    /** {@code kbench run}'s options, {@code -o} included, without {@code --shard} (the script adds it). */
    public List<String> runArguments() {
        return runArguments;
    }

    /** The experiment's output, as {@code kbench run -o} and {@code kbench merge} take it. */
    public Path out() {
        return out;
    }

    public Map<String, String> nodeSelector() {
        return nodeSelector;
    }

    /** kbench's labels for one of its Jobs ({@code shard} or {@code merge}), then the user's. */
    Map<String, String> labels(String component) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("app.kubernetes.io/name", "kbench");
        all.put("app.kubernetes.io/instance", name);
        all.put("app.kubernetes.io/component", component);
        all.put("app.kubernetes.io/managed-by", "kbench");
        all.putAll(labels);
        return all;
    }

    private static String requireImage(String image) {
        if (image == null || image.isBlank() || image.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("--container-image '" + image + "' must name a container image, e.g. registry.example/kbench:1");
        }
        return image;
    }

    private static Map<String, String> checkedLabels(Map<String, String> labels) {
        for (String key : labels.keySet()) {
            if (key.startsWith("app.kubernetes.io/")) {
                throw new IllegalArgumentException("--label " + key + " is one kbench sets itself (from --name): choose another key");
            }
        }
        return checkedPairs("--label", labels);
    }

    private static Map<String, String> checkedPairs(String option, Map<String, String> pairs) {
        pairs.forEach((key, value) -> {
            KubernetesNames.qualifiedName(option, key, false);
            KubernetesNames.labelValue(option + " " + key, value);
        });
        return Collections.unmodifiableMap(new LinkedHashMap<>(pairs));
    }

    /** Collects a manifest's values; {@link #build()} checks them all. */
    public static final class Builder {
        private String name = DEFAULT_NAME;
        private Optional<String> namespace = Optional.empty();
        private String image;
        private int shards;
        private Optional<Integer> parallelism = Optional.empty();
        private int retriesPerShard = 1;
        private ShardResources resources;
        private boolean pinned = true;
        private ResultsVolume volume;
        private List<String> runArguments = List.of();
        private Path out;
        private Map<String, String> labels = Map.of();
        private Map<String, String> nodeSelector = Map.of();

        private Builder() {
        }

        /** The shards' Job's name; the merge Job's is NAME-merge. Default: kbench. */
        public Builder name(String value) {
            this.name = Objects.requireNonNull(value, "name");
            return this;
        }

        /** Default: none, so kubectl's current namespace. */
        public Builder namespace(Optional<String> value) {
            this.namespace = Objects.requireNonNull(value, "namespace");
            return this;
        }

        /** An image with kbench on its PATH, a JDK and QEMU. */
        public Builder image(String value) {
            this.image = value;
            return this;
        }

        public Builder shards(int count) {
            this.shards = count;
            return this;
        }

        /** How many shards run at once. Default: all of them. */
        public Builder parallelism(int count) {
            this.parallelism = Optional.of(count);
            return this;
        }

        /** New pods a failed shard gets ({@code backoffLimitPerIndex}). Default: 1. */
        public Builder retriesPerShard(int count) {
            this.retriesPerShard = count;
            return this;
        }

        public Builder resources(ShardResources value) {
            this.resources = value;
            return this;
        }

        /** Whether the shards pin QEMU and the vCPUs to their container's CPUs ({@code kbench run -c}). Default: yes. */
        public Builder pinned(boolean value) {
            this.pinned = value;
            return this;
        }

        public Builder volume(ResultsVolume value) {
            this.volume = value;
            return this;
        }

        /** {@code kbench run}'s options ({@code -o out} among them) and the output they name, an absolute path on the volume. */
        public Builder run(List<String> arguments, Path out) {
            this.runArguments = List.copyOf(arguments);
            this.out = out;
            return this;
        }

        /** Labels added to both Jobs and their pods. */
        public Builder labels(Map<String, String> values) {
            this.labels = new LinkedHashMap<>(values);
            return this;
        }

        /** Node labels the shards' pods must land on, e.g. the nodes whose kubelets have the static CPU manager policy. */
        public Builder nodeSelector(Map<String, String> values) {
            this.nodeSelector = new LinkedHashMap<>(values);
            return this;
        }

        public K8sManifest build() {
            return new K8sManifest(this);
        }
    }
}
