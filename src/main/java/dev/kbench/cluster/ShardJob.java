package dev.kbench.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Indexed Job of the shards: {@code completions} pods, one per shard, index K-1 running
 * shard K of N, each with Guaranteed QoS, whole CPUs and {@code /dev/kvm}.
 */
final class ShardJob {

    static final String CONTAINER = "kbench";

    private ShardJob() {
    }

    static ObjectNode node(K8sManifest m) {
        ObjectNode job = JobNodes.job(m.name(), m.namespace(), m.labels("shard"));
        ObjectNode spec = job.putObject("spec")
                .put("completionMode", "Indexed")
                .put("completions", m.shards())
                .put("parallelism", m.parallelism())
                // A failed shard is retried alone, and neither stops the others nor counts
                // against them (Kubernetes 1.29+; the Job fails at the end if one ran out of retries).
                .put("backoffLimitPerIndex", m.retriesPerShard());
        ObjectNode pod = JobNodes.podTemplate(spec, m.labels("shard"), m.volume());
        if (!m.nodeSelector().isEmpty()) {
            pod.set("nodeSelector", JobNodes.strings(m.nodeSelector()));
        }
        ShardResources resources = m.resources();
        ShardScript script = new ShardScript(m.shards(), m.pinned() ? resources.cpus() : 0);
        JobNodes.container(pod, CONTAINER, m.image(), script.command(), m.runArguments(),
                JobNodes.resources(resources.requests(), resources.limits()), m.volume());
        return job;
    }
}
