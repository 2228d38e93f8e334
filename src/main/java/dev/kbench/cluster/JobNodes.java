package dev.kbench.cluster;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pieces of a {@code batch/v1} Job both of kbench's Jobs share, as Jackson trees: the
 * object's head, a pod template that never restarts its container, and the results volume.
 * Field order is Kubernetes' usual one, for a person reading the YAML.
 */
final class JobNodes {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String VOLUME = "results";

    private JobNodes() {
    }

    /** apiVersion, kind and metadata; the caller adds {@code spec}. */
    static ObjectNode job(String name, Optional<String> namespace, Map<String, String> labels) {
        ObjectNode job = NODES.objectNode().put("apiVersion", "batch/v1").put("kind", "Job");
        ObjectNode metadata = job.putObject("metadata").put("name", name);
        namespace.ifPresent(ns -> metadata.put("namespace", ns));
        metadata.set("labels", strings(labels));
        return job;
    }

    /**
     * {@code spec.template}: the pod's labels, {@code restartPolicy: Never} (a failed run is
     * retried, if at all, in a new pod, as the Job's backoff limits say) and the results volume;
     * the caller adds the container, made with {@link #container}.
     */
    static ObjectNode podTemplate(ObjectNode jobSpec, Map<String, String> labels, ResultsVolume volume) {
        ObjectNode template = jobSpec.putObject("template");
        template.putObject("metadata").set("labels", strings(labels));
        ObjectNode pod = template.putObject("spec").put("restartPolicy", "Never");
        pod.putArray("containers");
        pod.putArray("volumes").addObject().put("name", VOLUME).putObject("persistentVolumeClaim").put("claimName", volume.claim());
        return pod;
    }

    /** A container of {@code pod}, with the results volume mounted; no {@code args} when empty. */
    static ObjectNode container(ObjectNode pod, String name, String image, List<String> command, List<String> args,
            ObjectNode resources, ResultsVolume volume) {
        ObjectNode container = ((ArrayNode) pod.get("containers")).addObject().put("name", name).put("image", image);
        container.set("command", strings(command));
        if (!args.isEmpty()) {
            container.set("args", strings(args));
        }
        container.set("resources", resources);
        container.putArray("volumeMounts").addObject().put("name", VOLUME).put("mountPath", volume.mountPath().toString());
        return container;
    }

    /** A container's {@code resources}. */
    static ObjectNode resources(Map<String, String> requests, Map<String, String> limits) {
        ObjectNode resources = NODES.objectNode();
        resources.set("requests", strings(requests));
        resources.set("limits", strings(limits));
        return resources;
    }

    static ArrayNode strings(List<String> values) {
        ArrayNode array = NODES.arrayNode();
        values.forEach(array::add);
        return array;
    }

    static ObjectNode strings(Map<String, String> values) {
        ObjectNode object = NODES.objectNode();
        values.forEach(object::put);
        return object;
    }
}
