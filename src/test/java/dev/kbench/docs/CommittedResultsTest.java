package dev.kbench.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kbench.boot.BootLog;
import dev.kbench.boot.BootRecord;
import dev.kbench.results.RunLog;
import dev.kbench.results.RunRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every JMH JSON committed under {@code docs/} is read as JMH's own clients read it (JMH
 * Visualizer, IDE plugins, github-action-benchmark) and must say what {@code JmhJsonIT} makes a
 * fresh one say: forks are the rounds held in {@code rawData}, a secondary metric's score is the
 * mean of its values, a boot phase is in ms and its score the mean of the boots in the boot log
 * beside that have it (a missing phase is left out, never filled in), a workload's values are the
 * run log's, units say what was counted, and the labels carry only what names or varies.
 */
class CommittedResultsTest {

    private static final Path DOCS = Path.of("docs");
    /** Parameters that name a result; any other must vary within its file to earn a place in every label. */
    private static final List<String> NAMING = List.of("kernel", "workload", "workloads");
    /** Beyond this a label stops being readable in JMH Visualizer's legend. */
    private static final int LONGEST_PARAM = 80;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void docsShipJmhResults() throws IOException {
        assertTrue(jmhJsons().size() >= 2, "the committed results were not found under " + DOCS.toAbsolutePath());
    }

    @TestFactory
    Stream<DynamicTest> everyCommittedJmhJsonIsTrueInJmhsClients() throws IOException {
        return jmhJsons().stream().map(file -> DynamicTest.dynamicTest(file.toString(), () -> check(file)));
    }

    private List<Path> jmhJsons() throws IOException {
        try (Stream<Path> files = Files.walk(DOCS)) {
            List<Path> found = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode root = json.readTree(file.toFile());
                if (root.isArray() && root.size() > 0 && root.get(0).has("benchmark")) {
                    found.add(file);
                }
            }
            return found;
        }
    }

    private void check(Path file) throws IOException {
        JsonNode root = json.readTree(file.toFile());
        String stem = file.getFileName().toString().replaceFirst("\\.json$", "");
        Path bootLog = file.resolveSibling(stem + ".boots.jsonl");
        Path runLog = file.resolveSibling(stem + ".runs.jsonl");
        checkParams(file, root);
        for (JsonNode result : root) {
            String label = file + " " + result.path("params");
            JsonNode primary = result.path("primaryMetric");
            assertEquals(primary.path("rawData").size(), result.path("forks").asInt(), label + ": forks are the rounds in rawData");
            for (Iterator<Map.Entry<String, JsonNode>> it = result.path("secondaryMetrics").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> metric = it.next();
                checkMetric(label + " " + metric.getKey(), metric.getValue());
            }
            if (result.path("benchmark").asText().endsWith("BootBenchmark.boot")) {
                assertTrue(Files.exists(bootLog), label + ": a boot result ships its boot log " + bootLog);
                checkBootPhases(label, result, BootLog.read(bootLog));
            } else if (Files.exists(runLog)) {
                checkRuns(label, result, RunLog.read(runLog));
            }
        }
    }

    /** Constant settings belong in the setup file, not in every label; and no label is a paragraph. */
    private static void checkParams(Path file, JsonNode root) {
        for (Iterator<String> names = root.get(0).path("params").fieldNames(); names.hasNext();) {
            String name = names.next();
            List<String> values = new ArrayList<>();
            root.forEach(r -> values.add(r.path("params").path(name).asText()));
            assertTrue(NAMING.contains(name) || values.stream().distinct().count() > 1,
                    file + ": parameter " + name + " is the same in every result (" + values.get(0) + "): it belongs in the setup, not in every label");
            values.forEach(v -> assertTrue(v.length() <= LONGEST_PARAM, file + ": parameter " + name + " is " + v.length() + " characters long"));
        }
    }

    private static void checkMetric(String label, JsonNode metric) {
        String unit = metric.path("scoreUnit").asText();
        assertFalse(unit.equals("#") || unit.equals("printed") || unit.isBlank(), label + ": unit '" + unit + "' says nothing of what was counted");
        List<Double> values = flat(metric.path("rawData"));
        assertFalse(values.isEmpty(), label + ": no values");
        assertEquals(mean(values), metric.path("score").asDouble(), 1e-9 * Math.max(1, Math.abs(mean(values))),
                label + ": the score is the mean of its values, not their sum");
    }

    private static void checkBootPhases(String label, JsonNode result, List<BootRecord> log) {
        String kernel = result.path("params").path("kernel").asText();
        String mem = result.path("params").path("mem").asText(null);
        List<BootRecord> boots = log.stream().filter(b -> !b.warmup() && b.error() == null && b.kernel().equals(kernel))
                .filter(b -> mem == null || mem.equals(b.setting().get("mem"))).toList();
        assertFalse(boots.isEmpty(), label + ": no measured boot of " + kernel + " in the boot log");
        for (Iterator<Map.Entry<String, JsonNode>> it = result.path("secondaryMetrics").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> metric = it.next();
            String phase = phaseName(metric.getKey());
            // a phase counted by the TCG plugin is a count per boot, in its own unit, beside the time
            boolean counted = metric.getKey().endsWith("Instructions");
            List<Double> perBoot = counted
                    ? boots.stream().map(b -> b.instructions().get(phase)).filter(Objects::nonNull).map(Long::doubleValue).toList()
                    : boots.stream().map(b -> b.phases().get(phase)).filter(Objects::nonNull).map(us -> us / 1000).toList();
            assertEquals(counted ? "instructions" : "ms", metric.getValue().path("scoreUnit").asText(), label + " " + metric.getKey());
            assertEquals(perBoot.size(), flat(metric.getValue().path("rawData")).size(),
                    label + " " + metric.getKey() + ": one value per boot that has the phase");
            assertEquals(mean(perBoot), metric.getValue().path("score").asDouble(), 1e-6,
                    label + " " + metric.getKey() + ": the mean of the boots that have the phase");
        }
    }

    private static void checkRuns(String label, JsonNode result, List<RunRecord> log) {
        String kernel = result.path("params").path("kernel").asText();
        for (Iterator<Map.Entry<String, JsonNode>> it = result.path("secondaryMetrics").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> metric = it.next();
            if (!metric.getKey().startsWith("workloadOutput")) {
                continue;
            }
            String workload = metric.getKey().contains(":") ? metric.getKey().substring(metric.getKey().indexOf(':') + 1)
                    : result.path("params").path("workload").asText();
            List<Double> logged = log.stream().filter(RunRecord::measured)
                    .filter(r -> r.kernel().equals(kernel) && r.workload().equals(workload) && r.error() == null)
                    .sorted(java.util.Comparator.comparing(RunRecord::round, java.util.Comparator.nullsFirst(Integer::compare)))
                    .map(r -> r.value().doubleValue()).toList();
            assertEquals(logged, flat(metric.getValue().path("rawData")), label + " " + metric.getKey() + ": rawData are the run log's runs, round by round");
        }
    }

    /** {@code to_init} for {@code toInitMs}: the boot log's name of a phase metric. */
    private static String phaseName(String metric) {
        String camel = metric.replaceFirst("(Ms|Instructions)$", "");
        StringBuilder phase = new StringBuilder();
        for (char c : camel.toCharArray()) {
            phase.append(Character.isUpperCase(c) ? "_" + Character.toLowerCase(c) : String.valueOf(c));
        }
        return phase.toString();
    }

    private static List<Double> flat(JsonNode rawData) {
        List<Double> values = new ArrayList<>();
        rawData.forEach(fork -> fork.forEach(v -> values.add(v.asDouble())));
        return values;
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}
