package dev.kbench.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Job that merges the shards' outputs with {@code kbench merge OUT}. Kubernetes orders no
 * Job after another, so it is created suspended and does nothing until it is resumed, which the
 * manifest's steps do once the shards' Job is complete ({@code kubectl wait}, then
 * {@code kubectl patch ... suspend: false}). It needs neither KVM nor exclusive CPUs.
 */
final class MergeJob {

    static final String CONTAINER = "merge";
    static final String SUFFIX = "-merge";

    private MergeJob() {
    }

    static ObjectNode node(K8sManifest m) {
        ObjectNode job = JobNodes.job(m.mergeName(), m.namespace(), m.labels("merge"));
        ObjectNode spec = job.putObject("spec")
                .put("suspend", true)
                // a merge that fails would fail again on the same files: say so at once
                .put("backoffLimit", 0);
        ObjectNode pod = JobNodes.podTemplate(spec, m.labels("merge"), m.volume());
        // kbench's JVM reading CSVs and drawing plots: no device, no exclusive CPUs
        Map<String, String> requests = new TreeMap<>(Map.of("cpu", "1", "memory", "2Gi"));
        JobNodes.container(pod, CONTAINER, m.image(), List.of("kbench", "merge", m.out().toString()), List.of(),
                JobNodes.resources(requests, Map.of("memory", "2Gi")), m.volume());
        return job;
    }
}
