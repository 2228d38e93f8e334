package dev.kbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kbench.report.ReportPageTest;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openjdk.jmh.annotations.Mode;

/**
 * The JMH JSON kbench writes stays standard: a schema check of the fields JMH's visualizers
 * and other tools read ({@code benchmark}, {@code mode}, {@code params},
 * {@code primaryMetric.score/scoreError/scoreConfidence/scoreUnit/rawData},
 * {@code secondaryMetrics.*.rawData}), and the scores agree with the raw data the way JMH
 * aggregates them: a single-shot score is the mean of its runs, an event counter's the sum.
 * jmh-workload.json was written by kbench's WorkloadBenchmark; the other two are derived from it.
 */
class ReportJmhFormatTest {

    @ParameterizedTest
    @ValueSource(strings = {"jmh-workload.json", "jmh-workload-b.json", "jmh-sweep.json"})
    void everyResultHasTheFieldsJmhToolsRead(String name) throws Exception {
        JsonNode root = new ObjectMapper().readTree(ReportPageTest.resource(name).toFile());
        assertTrue(root.isArray() && root.size() > 0, "a JMH result file is a non-empty JSON array");
        for (JsonNode result : root) {
            assertTrue(result.path("jmhVersion").isTextual());
            assertTrue(result.path("benchmark").asText().matches("([\\w$]+\\.)+[\\w$]+"), "benchmark is class.method: " + result.path("benchmark"));
            Mode mode = Mode.deepValueOf(result.path("mode").asText()); // JMH's own parser of its labels; throws on others
            assertEquals(mode.shortLabel(), result.path("mode").asText());
            for (String count : new String[] {"threads", "forks", "warmupIterations", "measurementIterations"}) {
                assertTrue(result.path(count).isInt(), count);
            }
            assertTrue(result.path("params").isObject());
            result.path("params").fields().forEachRemaining(p -> assertTrue(p.getValue().isTextual(), "param " + p.getKey() + " is a string"));
            assertTrue(result.path("params").has("kernel"));

            JsonNode primary = result.path("primaryMetric");
            checkMetric(primary, result, "primaryMetric");
            assertTrue(primary.path("scoreUnit").asText().matches("(s|ms|us|ns)/op"), "single-shot time unit: " + primary.path("scoreUnit"));
            assertEquals(Mode.SingleShotTime, mode, "kbench measures one run per iteration");
            assertEquals(mean(primary.path("rawData")), primary.path("score").asDouble(), 1e-6, "a single-shot score is the mean of its runs");

            JsonNode secondary = result.path("secondaryMetrics");
            assertTrue(secondary.isObject());
            for (Iterator<Map.Entry<String, JsonNode>> it = secondary.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> metric = it.next();
                checkMetric(metric.getValue(), result, "secondaryMetrics." + metric.getKey());
            }
            JsonNode workload = secondary.path(JmhResults.WORKLOAD_METRIC);
            assertFalse(workload.isMissingNode());
            assertEquals(sum(workload.path("rawData")), workload.path("score").asDouble(), 1e-6, "an event counter's score is the sum");
            for (JsonNode fork : workload.path("rawData")) {
                for (JsonNode value : fork) {
                    assertEquals(Math.rint(value.asDouble()), value.asDouble(), "the workload prints integers");
                }
            }
        }
    }

    /** score, scoreError (a number, or "NaN" as JMH writes it), scoreConfidence, scorePercentiles, scoreUnit, rawData[fork][iteration]. */
    private static void checkMetric(JsonNode metric, JsonNode result, String where) {
        assertTrue(metric.path("score").isNumber(), where + ".score");
        JsonNode error = metric.path("scoreError");
        assertTrue(error.isNumber() || "NaN".equals(error.asText()), where + ".scoreError: " + error);
        assertTrue(metric.path("scoreConfidence").isArray() && metric.path("scoreConfidence").size() == 2, where + ".scoreConfidence");
        assertTrue(metric.path("scorePercentiles").isObject() && metric.path("scorePercentiles").has("50.0"), where + ".scorePercentiles");
        assertTrue(metric.path("scoreUnit").isTextual(), where + ".scoreUnit");
        assertNotEquals("", metric.path("scoreUnit").asText(), where + ".scoreUnit");
        JsonNode raw = metric.path("rawData");
        assertTrue(raw.isArray(), where + ".rawData");
        assertEquals(result.path("forks").asInt(), raw.size(), where + ".rawData has one list per fork");
        for (JsonNode fork : raw) {
            assertEquals(result.path("measurementIterations").asInt(), fork.size(), where + ".rawData has one value per measured iteration");
            fork.forEach(v -> assertTrue(v.isNumber(), where + ".rawData value " + v));
        }
    }

    private static double sum(JsonNode raw) {
        double sum = 0;
        for (JsonNode fork : raw) {
            for (JsonNode value : fork) {
                sum += value.asDouble();
            }
        }
        return sum;
    }

    private static double mean(JsonNode raw) {
        int n = 0;
        for (JsonNode fork : raw) {
            n += fork.size();
        }
        return sum(raw) / n;
    }
}
