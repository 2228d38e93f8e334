package dev.kbench.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1PodSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link K8sManifest}'s two Jobs, checked against the Kubernetes 1.36 API ({@link KubernetesApi})
 * and for what kbench needs of them: one pod per shard, Guaranteed QoS with whole CPUs, KVM, the
 * results volume, and a merge that waits to be resumed.
 */
class K8sManifestTest {

    static final Path OUT = Path.of("/results/exp/lsm.csv");

    static K8sManifest.Builder manifest() {
        return K8sManifest.builder().image("registry.example/kbench:1").shards(4)
                .resources(new ShardResources(3, MemorySize.ofMib(2560), ShardResources.KUBEVIRT_KVM))
                .volume(new ResultsVolume("kbench-results", Path.of(ResultsVolume.DEFAULT_MOUNT_PATH)))
                .run(List.of("-k", "default", "mine", "-o", OUT.toString()), OUT);
    }

    private static List<V1Job> jobs(K8sManifest manifest) {
        List<V1Job> jobs = KubernetesApi.jobs(manifest.yaml());
        assertEquals(2, jobs.size(), manifest.yaml());
        return jobs;
    }

    private static V1Container container(V1Job job) {
        List<V1Container> containers = job.getSpec().getTemplate().getSpec().getContainers();
        assertEquals(1, containers.size());
        return containers.get(0);
    }

    @Test
    void bothDocumentsAreJobsOfTheKubernetesApi() {
        List<V1Job> jobs = jobs(manifest().build());
        assertEquals(List.of("kbench", "kbench-merge"), jobs.stream().map(j -> j.getMetadata().getName()).toList());
        for (V1Job job : jobs) {
            assertEquals("batch/v1", job.getApiVersion());
            assertEquals("Job", job.getKind());
            assertNull(job.getMetadata().getNamespace(), "no namespace given: kubectl's current one");
        }
    }

    @Test
    void theValidatorRefusesWhatTheApiDoesNotDefine() {
        // the check is only worth something if it can fail: a misspelt field and a missing required one
        ObjectNode typo = manifest().build().documents().get(0);
        ((ObjectNode) typo.get("spec")).put("completionMod", "Indexed");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KubernetesApi.job(typo));
        assertTrue(e.getMessage().contains("`completionMod`"), e.getMessage());

        ObjectNode nameless = manifest().build().documents().get(0);
        ((ObjectNode) nameless.at("/spec/template/spec/containers/0")).remove("name");
        e = assertThrows(IllegalArgumentException.class, () -> KubernetesApi.job(nameless));
        assertTrue(e.getMessage().contains("`name`"), e.getMessage());

        ObjectNode deep = manifest().build().documents().get(0);
        ((ObjectNode) deep.at("/spec/template/spec/containers/0/resources")).putObject("limit");
        assertThrows(IllegalArgumentException.class, () -> KubernetesApi.job(deep));

        // values of the wrong type, and quantities that do not parse
        ObjectNode word = manifest().build().documents().get(0);
        ((ObjectNode) word.get("spec")).put("completions", "four");
        assertThrows(com.google.gson.JsonSyntaxException.class, () -> KubernetesApi.job(word));
        ObjectNode quantity = manifest().build().documents().get(0);
        ((ObjectNode) quantity.at("/spec/template/spec/containers/0/resources/limits")).put("cpu", "3 CPUs");
        assertThrows(io.kubernetes.client.custom.QuantityFormatException.class, () -> KubernetesApi.job(quantity));
    }

    @Test
    void theShardsAreAnIndexedJobOfOnePodPerShardThatRetriesEachAlone() {
        V1Job shards = jobs(manifest().build()).get(0);
        assertEquals("Indexed", shards.getSpec().getCompletionMode());
        assertEquals(4, shards.getSpec().getCompletions());
        assertEquals(4, shards.getSpec().getParallelism(), "parallelism defaults to the shards");
        assertEquals(1, shards.getSpec().getBackoffLimitPerIndex());
        assertNull(shards.getSpec().getBackoffLimit(), "left to Kubernetes: unlimited when per index");
        assertEquals("Never", shards.getSpec().getTemplate().getSpec().getRestartPolicy());

        V1Job fewer = jobs(manifest().parallelism(2).retriesPerShard(0).build()).get(0);
        assertEquals(2, fewer.getSpec().getParallelism());
        assertEquals(0, fewer.getSpec().getBackoffLimitPerIndex());
    }

    @Test
    void aShardsPodIsGuaranteedWithWholeCpusAndKvm() {
        V1Container c = container(jobs(manifest().build()).get(0));
        Map<String, Quantity> requests = c.getResources().getRequests();
        Map<String, Quantity> limits = c.getResources().getLimits();
        // Guaranteed QoS: every container has CPU and memory limits, and requests equal to them
        for (String resource : List.of("cpu", "memory")) {
            assertTrue(limits.containsKey(resource), resource);
            assertEquals(0, limits.get(resource).getNumber().compareTo(requests.get(resource).getNumber()), resource);
        }
        // the static CPU manager gives CPUs of their own only to whole CPU requests
        assertEquals(0, new Quantity("3").getNumber().compareTo(requests.get("cpu").getNumber()));
        assertEquals(0, requests.get("cpu").getNumber().stripTrailingZeros().scale() <= 0 ? 0 : 1);
        assertEquals(2560L * 1024 * 1024, limits.get("memory").getNumber().longValueExact());
        assertEquals(0, new Quantity("1").getNumber().compareTo(limits.get(ShardResources.KUBEVIRT_KVM).getNumber()));
        assertEquals(Set.of("cpu", "memory"), requests.keySet(), "an extended resource's request defaults to its limit");

        V1Container other = container(jobs(manifest()
                .resources(new ShardResources(4, MemorySize.parse("6Gi"), "squat.ai/kvm")).build()).get(0));
        assertEquals(0, new Quantity("4").getNumber().compareTo(other.getResources().getLimits().get("cpu").getNumber()));
        assertEquals(6L << 30, other.getResources().getLimits().get("memory").getNumber().longValueExact());
        assertTrue(other.getResources().getLimits().containsKey("squat.ai/kvm"));
        assertFalse(other.getResources().getLimits().containsKey(ShardResources.KUBEVIRT_KVM));
    }

    @Test
    void bothJobsMountTheResultsClaim() {
        for (V1Job job : jobs(manifest().volume(new ResultsVolume("shared-results", Path.of("/data/kbench"))).run(
                List.of("-k", "a", "-o", "/data/kbench/x/out.csv"), Path.of("/data/kbench/x/out.csv")).build())) {
            V1PodSpec pod = job.getSpec().getTemplate().getSpec();
            assertEquals(1, pod.getVolumes().size());
            assertEquals("shared-results", pod.getVolumes().get(0).getPersistentVolumeClaim().getClaimName());
            assertEquals(pod.getVolumes().get(0).getName(), container(job).getVolumeMounts().get(0).getName());
            assertEquals("/data/kbench", container(job).getVolumeMounts().get(0).getMountPath());
        }
    }

    @Test
    void theShardRunsKbenchRunWithTheOptionsAsArgumentsAndItsShard() {
        V1Container c = container(jobs(manifest().build()).get(0));
        assertEquals("registry.example/kbench:1", c.getImage());
        assertEquals(List.of("sh", "-c"), c.getCommand().subList(0, 2));
        assertTrue(c.getCommand().get(2).contains("exec kbench run \"$@\" -c "), c.getCommand().get(2));
        assertTrue(c.getCommand().get(2).endsWith(" --shard \"$((JOB_COMPLETION_INDEX + 1))/4\""), c.getCommand().get(2));
        assertEquals(List.of("-k", "default", "mine", "-o", OUT.toString()), c.getArgs());

        String unpinned = container(jobs(manifest().pinned(false).build()).get(0)).getCommand().get(2);
        assertEquals("set -eu\n: \"${JOB_COMPLETION_INDEX:?is not set: run this as a pod of an Indexed Job}\"\n"
                + "exec kbench run \"$@\" --shard \"$((JOB_COMPLETION_INDEX + 1))/4\"", unpinned);
    }

    @Test
    void theMergeJobIsSuspendedAndMergesTheOutputWithoutKvm() {
        V1Job merge = jobs(manifest().build()).get(1);
        assertTrue(merge.getSpec().getSuspend(), "created suspended: resumed once the shards are complete");
        assertEquals(0, merge.getSpec().getBackoffLimit());
        assertNull(merge.getSpec().getCompletionMode());
        V1Container c = container(merge);
        assertEquals(List.of("kbench", "merge", OUT.toString()), c.getCommand());
        assertTrue(c.getArgs() == null || c.getArgs().isEmpty(), "no args: " + c.getArgs());
        assertFalse(c.getResources().getLimits().containsKey(ShardResources.KUBEVIRT_KVM));
        assertEquals("Never", merge.getSpec().getTemplate().getSpec().getRestartPolicy());
    }

    @Test
    void namespaceLabelsAndNodeSelectorReachTheObjects() {
        List<V1Job> jobs = jobs(manifest().name("lsm").namespace(Optional.of("bench")).labels(Map.of("team", "perf"))
                .nodeSelector(Map.of("kbench.example/cpu-manager", "static")).build());
        assertEquals(List.of("lsm", "lsm-merge"), jobs.stream().map(j -> j.getMetadata().getName()).toList());
        for (V1Job job : jobs) {
            assertEquals("bench", job.getMetadata().getNamespace());
            Map<String, String> labels = job.getMetadata().getLabels();
            assertEquals("perf", labels.get("team"));
            assertEquals("lsm", labels.get("app.kubernetes.io/instance"));
            assertEquals(labels, job.getSpec().getTemplate().getMetadata().getLabels(), "the pods carry the Job's labels");
        }
        assertEquals("shard", jobs.get(0).getMetadata().getLabels().get("app.kubernetes.io/component"));
        assertEquals("merge", jobs.get(1).getMetadata().getLabels().get("app.kubernetes.io/component"));
        assertEquals(Map.of("kbench.example/cpu-manager", "static"), jobs.get(0).getSpec().getTemplate().getSpec().getNodeSelector());
        Map<String, String> anywhere = jobs.get(1).getSpec().getTemplate().getSpec().getNodeSelector();
        assertTrue(anywhere == null || anywhere.isEmpty(), "the merge runs anywhere: " + anywhere);
    }

    @Test
    void theStepsApplyWaitAndResumeTheMergeInTheNamespace() {
        assertEquals(List.of("kubectl apply -f m.yaml",
                "kubectl wait -n bench --for=condition=complete --timeout=24h job/kbench",
                "kubectl patch -n bench job/kbench-merge --type=merge -p '{\"spec\":{\"suspend\":false}}'",
                "kubectl wait -n bench --for=condition=complete --timeout=1h job/kbench-merge"),
                manifest().namespace(Optional.of("bench")).build().steps("m.yaml"));
        String yaml = manifest().build().yaml();
        assertTrue(yaml.startsWith("# kbench: 4 shards of kbench run (Indexed Job kbench), then kbench merge " + OUT), yaml);
        assertTrue(yaml.contains("#   kubectl patch job/kbench-merge --type=merge -p '{\"spec\":{\"suspend\":false}}'\n"), yaml);
    }

    @Test
    void badValuesAreRefusedNamingTheOption() {
        assertRefused(manifest().shards(0), "--shards must be at least 1, not 0");
        assertRefused(manifest().parallelism(5), "--parallelism must be from 1 to --shards (4), not 5");
        assertRefused(manifest().retriesPerShard(-1), "--retries must be 0 or more, not -1");
        assertRefused(manifest().image("registry.example/kbench 1"), "--container-image 'registry.example/kbench 1' must name a container image");
        assertRefused(manifest().image(null), "--container-image 'null' must name a container image");
        assertRefused(manifest().name("Kbench_1"), "--name 'Kbench_1' must be at most 57 lower-case letters");
        assertRefused(manifest().name("a".repeat(58)), "--name '" + "a".repeat(58) + "' must be at most 57");
        assertRefused(manifest().namespace(Optional.of("-x")), "--namespace '-x' must be");
        assertRefused(manifest().resources(new ShardResources(2, MemorySize.ofMib(2560), "devices.kubevirt.io/kvm")),
                "pinning QEMU and the two vCPUs (kbench run -c) needs --cpus 3 or more, not 2: give more, or --no-pin");
        assertRefused(manifest().run(List.of("-k", "a", "-o", "/tmp/x.csv"), Path.of("/tmp/x.csv")),
                "-o /tmp/x.csv is outside the results volume, mounted at /results: give -o an absolute path under /results (or leave -o out)");
        assertRefused(manifest().run(List.of("-k", "a", "-o", "x.csv"), Path.of("x.csv")), "-o x.csv is outside the results volume");
        assertRefused(manifest().run(List.of("-k", "a", "-o", "/results/../x.csv"), Path.of("/results/../x.csv")),
                "-o /results/../x.csv is outside the results volume");
        assertRefused(manifest().run(List.of("-k", "a", "-o", "/results"), Path.of("/results")), "-o /results is outside the results volume");
        assertRefused(manifest().labels(Map.of("app.kubernetes.io/instance", "x")), "--label app.kubernetes.io/instance is one kbench sets itself");
        assertRefused(manifest().labels(Map.of("team", "a b")), "--label team value 'a b' must be at most 63 letters");
        assertRefused(manifest().nodeSelector(Map.of("-bad", "x")), "--node-selector '-bad' must be [a-domain.example/]name");
        assertTrue(manifest().pinned(false).resources(new ShardResources(1, MemorySize.ofMib(1024), "devices.kubevirt.io/kvm")).build()
                .documents().size() == 2, "unpinned, one CPU will do");
    }

    @Test
    void partsRefuseBadValuesNamingTheOption() {
        assertEquals("--kvm-resource 'kvm' must be a-domain.example/name, the name at most 63 letters, digits, '-', '_' and '.'",
                assertThrows(IllegalArgumentException.class, () -> new ShardResources(3, MemorySize.ofMib(1), "kvm")).getMessage());
        assertEquals("--cpus must be at least 1, not 0",
                assertThrows(IllegalArgumentException.class, () -> new ShardResources(0, MemorySize.ofMib(1), "a.b/kvm")).getMessage());
        assertEquals("--results-claim 'Results' must be a DNS name: lower-case letters, digits, '-' and '.'",
                assertThrows(IllegalArgumentException.class, () -> new ResultsVolume("Results", Path.of("/r"))).getMessage());
        assertEquals("--mount-path 'results' must be an absolute folder other than /, without . or ..",
                assertThrows(IllegalArgumentException.class, () -> new ResultsVolume("r", Path.of("results"))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ResultsVolume("r", Path.of("/")));
        assertEquals(6144, MemorySize.parse("6Gi").mib());
        assertEquals(4608, MemorySize.parse("4608Mi").mib());
        assertEquals(4608, MemorySize.parse("4608").mib());
        assertEquals("'4.5Gi' is not a memory size: write MiB (4608), or 4608Mi or 5Gi",
                assertThrows(IllegalArgumentException.class, () -> MemorySize.parse("4.5Gi")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> MemorySize.parse("0"));
        assertThrows(IllegalArgumentException.class, () -> MemorySize.parse("4G"));
        assertEquals(MemorySize.ofMib(512 + ShardResources.HOST_SIDE_MIB), ShardResources.memoryForGuest(512));
    }

    private static void assertRefused(K8sManifest.Builder builder, String messageStart) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
        assertTrue(e.getMessage().startsWith(messageStart), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
}
