package dev.kbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.kbench.results.JmhResults;
import dev.kbench.results.KernelForks;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.IterationResultMetaData;
import org.openjdk.jmh.results.ResultRole;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.ScalarResult;
import org.openjdk.jmh.results.SingleShotResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.runner.WorkloadParams;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The streamed JSON against JMH's own: JMH's writer on every round's results, edited as kbench
 * edits it, must give the same document, field for field and in the same order, numbers equal
 * to the last few bits (a sum taken in another grouping may differ there).
 */
class JmhJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theStreamedJsonIsJmhsOwnForEveryRoundMerged() throws Exception {
        List<RunResult> kernels = List.of(kernel("stock", 3, 4, 0), kernel("caponly", 3, 4, 7));
        assertSame(jmhsOwn(kernels), streamed(kernels));
    }

    @Test
    void oneRoundOfOneRunHasNoErrorAndStillMatches() throws Exception {
        // one value: JMH's error and interval are NaN, which JSON can only carry as text
        List<RunResult> kernels = List.of(kernel("stock", 1, 1, 0), kernel("caponly", 1, 1, 3));
        JsonNode streamed = streamed(kernels);
        assertSame(jmhsOwn(kernels), streamed);
        assertEquals("NaN", streamed.get(0).path("primaryMetric").path("scoreError").asText());
    }

    @Test
    void aSuiteOfManyRoundsHoldsEveryRunInRoundOrder() throws Exception {
        List<RunResult> kernels = List.of(kernel("stock", 40, 25, 1));
        JsonNode streamed = streamed(kernels);
        assertSame(jmhsOwn(kernels), streamed);
        JsonNode raw = streamed.get(0).path("secondaryMetrics").path(JmhResults.SUITE_METRIC_PREFIX + "getppid").path("rawData");
        assertEquals(40, raw.size());
        assertEquals(value(1, 39, 24, 0), raw.get(39).get(24).asDouble(), "the last round's last run, last");
    }

    private static JsonNode jmhsOwn(List<RunResult> kernels) throws Exception {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        ResultFormatFactory.getInstance(ResultFormatType.JSON, new PrintStream(text, true, StandardCharsets.UTF_8)).writeOut(kernels);
        JsonNode root = JSON.readTree(text.toByteArray());
        List<Integer> forks = new ArrayList<>();
        root.forEach(result -> forks.add(result.path("primaryMetric").path("rawData").size()));
        MergedJson.edit(root, ResultsWriterTest.SETUP, forks);
        return root;
    }

    private static JsonNode streamed(List<RunResult> kernels) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JmhJson.write(kernels.stream().map(JmhJsonTest::perRound).toList(), ResultsWriterTest.SETUP, out);
        return JSON.readTree(out.toByteArray());
    }

    /** As kbench gathers them: a round at a time. */
    private static KernelForks perRound(RunResult result) {
        KernelForks forks = null;
        for (BenchmarkResult fork : result.getBenchmarkResults()) {
            if (forks == null) {
                forks = KernelForks.of(new RunResult(result.getParams(), List.of(fork)));
            } else {
                forks.add(fork);
            }
        }
        return forks;
    }

    private static void assertSame(JsonNode expected, JsonNode actual) {
        compare("$", expected, actual);
    }

    private static void compare(String path, JsonNode expected, JsonNode actual) {
        if (expected.isNumber() && actual.isNumber()) {
            double e = expected.asDouble();
            assertEquals(e, actual.asDouble(), Math.abs(e) * 1e-12, path);
            return;
        }
        assertEquals(expected.getNodeType(), actual.getNodeType(), path + ": " + expected + " against " + actual);
        if (expected.isObject()) {
            assertEquals(names(expected), names(actual), path);
            expected.fields().forEachRemaining(field -> compare(path + "." + field.getKey(), field.getValue(), actual.get(field.getKey())));
        } else if (expected.isArray()) {
            assertEquals(expected.size(), actual.size(), path);
            for (int i = 0; i < expected.size(); i++) {
                compare(path + "[" + i + "]", expected.get(i), actual.get(i));
            }
        } else {
            assertEquals(expected, actual, path);
        }
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** A run's value, different for every kernel, round, run and metric, spread over a few percent. */
    private static double value(int kernel, int round, int run, int metric) {
        return 1000.0 * (metric + 1) + 37.0 * kernel + ((round * 31 + run * 17 + metric * 7) % 23) * 1.5;
    }

    /** A suite kernel's result: a fork per round, an iteration per run, a varying run time and two workloads' values. */
    private static RunResult kernel(String kernel, int rounds, int runs, int seed) {
        WorkloadParams params = new WorkloadParams();
        params.put("kernel", kernel, 0);
        params.put("workloads", "getppid:eventfd", 1);
        params.put("mem", "512", 2);
        IterationParams measurement = new IterationParams(IterationType.MEASUREMENT, runs, TimeValue.NONE, 1);
        BenchmarkParams benchmark = new BenchmarkParams("dev.kbench.benchmarks.SuiteBenchmark.pass", "generated", false, 1, new int[] {1}, List.of(),
                rounds, 0, new IterationParams(IterationType.WARMUP, 1, TimeValue.NONE, 1), measurement, Mode.SingleShotTime, params,
                TimeUnit.MILLISECONDS, 1, "java", List.of("-Dkbench.settings=/out/x.settings.properties", "-Dkbench.round=0:0"), "17", "vm", "17",
                "1.37", TimeValue.NONE);
        List<BenchmarkResult> forks = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            List<IterationResult> iterations = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                IterationResult iteration = new IterationResult(benchmark, measurement, new IterationResultMetaData(1, 1));
                iteration.addResult(new SingleShotResult(ResultRole.PRIMARY, "pass", (long) (value(seed, round, run, 5) * 1e6), TimeUnit.MILLISECONDS));
                int metric = 0;
                for (String workload : List.of("getppid", "eventfd")) {
                    iteration.addResult(new ScalarResult(JmhResults.SUITE_METRIC_PREFIX + workload, value(seed, round, run, metric++), "printed",
                            AggregationPolicy.AVG));
                }
                iterations.add(iteration);
            }
            forks.add(new BenchmarkResult(benchmark, iterations));
        }
        return new RunResult(benchmark, forks);
    }
}
