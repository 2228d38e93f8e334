package dev.kbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kbench.guest.GuestImage;
import dev.kbench.guest.WorkloadSuite;
import dev.kbench.jmh.ForkHandOff;
import dev.kbench.results.JmhResults;
import dev.kbench.results.RunSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes the JMH JSON of a {@code kbench run} true to what it holds. JMH would write it from one
 * fork per kernel and round, merged: each result would say {@code "forks": 1} and carry the first
 * round's {@code -Dkbench.round=0} while its {@code rawData} holds every round ({@link JmhJson}
 * gives it JMH's JSON of the first fork to edit). Here {@code forks} becomes the rounds, {@code jvmArgs} keeps what every fork shared (once each), {@code params} keep what
 * names a result (kernel, workload or suite) and what varies between results, so that JSON clients'
 * labels show them and not the settings every VM shared (those are in {@link RunSetup}); a suite
 * is called by the name its user gave it, or {@code all} for every built-in workload, rather than
 * listed (400 characters for 25 workloads, in every label); and a program's workload
 * metric takes the unit the user gave. Each result also says where its kernel ran in each round
 * ({@code positionInRound}: fork i is round i, 0 = first), a field JMH does not have and JSON
 * clients pass over, so that the order a comparison rests on travels with its numbers.
 */
public final class MergedJson {

    /** What names a result: never dropped, even when the same everywhere. */
    private static final Set<String> NAMING = Set.of("kernel", "workload");
    private static final String SUITE = "workloads";
    /** Per result, the kernel's position in each round its forks ran in. */
    public static final String POSITIONS = "positionInRound";
    /** Per result, the host fingerprint of every host its rounds ran on (one per shard of a merged experiment). */
    public static final String HOSTS = "hosts";

    private MergedJson() {
    }

    /**
     * Edits JMH's JSON of the kernels' first forks ({@code root}, one result per kernel) into the
     * merged experiment's: {@code forks.get(i)} is how many rounds result i holds.
     */
    static void edit(JsonNode root, RunSetup setup, List<Integer> forks) {
        dropConstantParams(root);
        int index = 0;
        for (JsonNode result : root) {
            ObjectNode node = (ObjectNode) result;
            node.put("forks", forks.get(index++));
            ArrayNode jvmArgs = node.arrayNode();
            new LinkedHashSet<String>(texts(result.path("jvmArgs"))).stream().filter(a -> !ForkHandOff.perFork(a)).forEach(jvmArgs::add);
            node.set("jvmArgs", jvmArgs);
            ObjectNode params = (ObjectNode) result.path("params");
            if (params.has(SUITE)) {
                params.put(SUITE, setup.suite() != null ? setup.suite() : suiteName(params.path(SUITE).asText()));
            }
            units(result, setup);
            List<Integer> positions = setup.positions(params.path("kernel").asText());
            if (!positions.isEmpty()) {
                ArrayNode array = node.putArray(POSITIONS);
                positions.forEach(array::add);
            }
            if (!setup.hosts().isEmpty()) {
                node.set(HOSTS, new ObjectMapper().valueToTree(setup.hosts()));
            }
        }
    }

    /**
     * Leaves in a JMH JSON file's {@code params} only what names a result or varies between them,
     * for {@code kbench boot}'s JSON, whose every boot's settings are in the boot log beside it.
     */
    public static void keepVaryingParams(Path json) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        JsonNode root = mapper.readTree(json.toFile());
        dropConstantParams(root);
        mapper.writeValue(json.toFile(), root);
    }

    private static void dropConstantParams(JsonNode root) {
        Set<String> constant = constantParams(root);
        root.forEach(result -> constant.forEach(((ObjectNode) result.path("params"))::remove));
    }

    /** Parameters with one value in every result, except those that name a result. */
    static Set<String> constantParams(JsonNode root) {
        Map<String, Set<String>> values = new HashMap<>();
        for (JsonNode result : root) {
            result.path("params").fields().forEachRemaining(e -> values.computeIfAbsent(e.getKey(), k -> new HashSet<>()).add(e.getValue().asText()));
        }
        Set<String> constant = new HashSet<>();
        values.forEach((name, seen) -> {
            if (seen.size() == 1 && !NAMING.contains(name) && !name.equals(SUITE)) {
                constant.add(name);
            }
        });
        return constant;
    }

    /** {@code all} for every built-in workload in their order, else the list as it was given. */
    static String suiteName(String list) {
        try {
            return WorkloadSuite.parse(list).equals(GuestImage.builtInWorkloads()) ? WorkloadSuite.ALL : list;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A program's metric in the unit its user gave (a built-in workload's fork wrote its own). */
    private static void units(JsonNode result, RunSetup setup) {
        result.path("secondaryMetrics").fields().forEachRemaining(metric -> {
            JmhResults.workloadOf(metric.getKey(), result).filter(setup.units()::containsKey)
                    .ifPresent(workload -> ((ObjectNode) metric.getValue()).put("scoreUnit", setup.units().get(workload)));
        });
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }
}
