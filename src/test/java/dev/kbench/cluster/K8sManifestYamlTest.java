package dev.kbench.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link ManifestYaml}: strings stay strings for a YAML 1.1 reader, and the stream is what kubectl takes. */
class K8sManifestYamlTest {

    @Test
    void stringsAYaml11ReaderWouldTakeForOtherThingsAreQuoted() {
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        List<String> values = List.of("y", "n", "Y", "N", "yes", "off", "null", "NULL", "0x10", "0o17", "010", "1_000", "1e3", "-1", "+1",
                ".5", ".inf", "2024-01-01", "12:30", "~", "", "a:", "-", "--", "3");
        document.set("values", JobNodes.strings(values));
        document.set("labels", JobNodes.strings(Map.of("on", "true")));
        String yaml = ManifestYaml.write(List.of(document), List.of());
        for (String value : values) {
            assertTrue(yaml.contains("- \"" + value + "\"\n") || yaml.contains("- '" + value + "'\n"), value + " unquoted in\n" + yaml);
        }
        // go-yaml, which kubectl reads YAML with, takes y and n for booleans, as SnakeYAML does not: hence the text checks above
        assertTrue(yaml.contains("\"on\": \"true\""), yaml);
        assertEquals(List.of(Map.of("values", values, "labels", Map.of("on", "true"))), KubernetesApi.documents(yaml));
    }

    @Test
    void plainWordsStayPlainForAPersonToRead() {
        ObjectNode document = JsonNodeFactory.instance.objectNode().put("image", "registry.example/kbench:1").put("option", "--rounds")
                .put("path", "/results/kbench/lsm-perf.csv").put("memory", "2560Mi").put("cpu", "3");
        String yaml = ManifestYaml.write(List.of(document), List.of("a comment", "another"));
        assertEquals("# a comment\n# another\n---\nimage: registry.example/kbench:1\noption: --rounds\npath: /results/kbench/lsm-perf.csv\n"
                + "memory: \"2560Mi\"\ncpu: \"3\"\n", yaml);
    }

    @Test
    void aLineBreakInAnOutputPathStaysInsideItsComment() {
        for (String br : List.of("\n", "\r", "\u0085", "\u2028", "\u2029")) {
            Path out = Path.of("/results/x" + br + "kind: Pod" + br + "---" + br + "y.csv");
            String yaml = K8sManifestTest.manifest().run(List.of("-k", "a", "-o", out.toString()), out).build().yaml();
            List<Object> documents = KubernetesApi.documents(yaml);
            assertEquals(2, documents.size(), yaml);
            assertEquals(List.of("kbench", "merge", out.toString()), KubernetesApi.container(documents.get(1)).get("command"));
        }
    }

    @Test
    void eachObjectIsADocumentOfOneStream() {
        String yaml = K8sManifestTest.manifest().build().yaml();
        assertEquals(2, yaml.lines().filter("---"::equals).count(), yaml);
        assertEquals(2, KubernetesApi.documents(yaml).size());
    }
}
