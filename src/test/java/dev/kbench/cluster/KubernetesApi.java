package dev.kbench.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.JsonParser;
import io.kubernetes.client.openapi.models.V1Job;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * The Kubernetes API, offline: YAML read as kubectl reads it, and Jobs checked against the API of
 * Kubernetes 1.36 as the official Java client (io.kubernetes:client-java-api 27.0.0) was generated
 * from its OpenAPI spec. Its validators refuse a field the API does not define and a required
 * field that is missing, at every level; reading the checked JSON into its model refuses values of
 * the wrong type and quantities that do not parse. What only an API server checks (that a name is
 * free, what admission or a feature gate says) is not checked here.
 */
public final class KubernetesApi {

    /** The client's version and the Kubernetes release its models were generated from. */
    public static final String VERSION = "Kubernetes 1.36 (io.kubernetes:client-java-api 27.0.0)";

    private static final ObjectMapper JSON = new ObjectMapper();

    private KubernetesApi() {
    }

    /**
     * The documents of a YAML stream, resolved as YAML 1.1 as SnakeYAML does by default and as
     * go-yaml, which kubectl uses, does: an unquoted {@code no} is a boolean, {@code 0x10} a number.
     */
    public static List<Object> documents(String yaml) {
        List<Object> documents = new ArrayList<>();
        new Yaml().loadAll(yaml).forEach(documents::add);
        return documents;
    }

    /** Every document of {@code yaml} as a Job checked against the API; fails on the first that is not one. */
    public static List<V1Job> jobs(String yaml) {
        return documents(yaml).stream().map(KubernetesApi::job).toList();
    }

    /** {@code document} (maps and lists) as a Job checked against the API. */
    public static V1Job job(Object document) {
        try {
            String json = JSON.writeValueAsString(document);
            V1Job.validateJsonElement(JsonParser.parseString(json));
            return V1Job.fromJson(json);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + document, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The container of a Job's pod, as maps and lists: what the kubelet starts. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> container(Object jobDocument) {
        Map<String, Object> job = (Map<String, Object>) jobDocument;
        Map<String, Object> template = (Map<String, Object>) ((Map<String, Object>) job.get("spec")).get("template");
        List<Object> containers = (List<Object>) ((Map<String, Object>) template.get("spec")).get("containers");
        return (Map<String, Object>) containers.get(0);
    }
}
