package dev.kbench.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.IterationResultMetaData;
import org.openjdk.jmh.results.ResultRole;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.SingleShotResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.runner.WorkloadParams;
import org.openjdk.jmh.runner.options.TimeValue;

class BootPhaseMetricsTest {

    @TempDir
    Path tmp;

    private static BootRecord boot(int n, Map<String, Double> phases, double hostReadyMicros) {
        return new BootRecord("2026-11-22T00:00:00Z", "bzImage", Map.of("mem", "1024"), n, false, phases, hostReadyMicros, null);
    }

    @Test
    void aBootWithoutTheReadyMarkerHasNoTimeToReady() {
        // the boot of mem-warm's 1024 MiB row whose ready marker was read too late
        Map<String, Double> metrics = BootPhaseMetrics.metrics(boot(14, Map.of("to_init", 2_000_000.0), 2_700_000));
        assertEquals(Map.of("toInitMs", 2000.0), metrics, "the host's time is no stand-in for the marker");
    }

    @Test
    void everyPhaseTheMarkersGaveIsAMetricInMilliseconds() {
        Map<String, Double> metrics = BootPhaseMetrics.metrics(boot(0, Map.of("to_init", 2_000_000.0, "init_to_ready", 250_000.0,
                "to_ready", 2_250_000.0), 2_260_000));
        assertEquals(Map.of("toInitMs", 2000.0, "initToReadyMs", 250.0, "toReadyMs", 2250.0), metrics);
    }

    @Test
    void jmhsScoreIsTheMeanOverTheBootsThatHaveThePhase() throws Exception {
        // four boots, the second without its ready marker: JMH pads an iteration that lacks a
        // ScalarResult with a zero, and the host's time must not stand in for it either
        List<BootRecord> boots = List.of(
                boot(0, Map.of("to_init", 2_000_000.0, "to_ready", 2_300_000.0), 2_310_000),
                boot(1, Map.of("to_init", 2_100_000.0), 9_000_000),
                boot(2, Map.of("to_init", 2_200_000.0, "to_ready", 2_500_000.0), 2_510_000),
                boot(3, Map.of("to_init", 2_100_000.0, "to_ready", 2_400_000.0), 2_410_000));
        RunResult result = run(boots);
        assertEquals(2400.0, result.getSecondaryResults().get("toReadyMs").getScore(), 1e-9);
        assertEquals(2100.0, result.getSecondaryResults().get("toInitMs").getScore(), 1e-9);

        Path json = tmp.resolve("boot.json");
        ResultFormatFactory.getInstance(ResultFormatType.JSON, json.toString()).writeOut(List.of(result));
        JsonNode toReady = new ObjectMapper().readTree(json.toFile()).get(0).path("secondaryMetrics").path("toReadyMs");
        assertEquals(2400.0, toReady.path("score").asDouble(), 1e-9, toReady.toString());
        assertEquals("[[2300.0,2500.0,2400.0]]", toReady.path("rawData").toString(), "no value for the boot without the phase");
        assertTrue(Double.isFinite(toReady.path("scoreError").asDouble()), toReady.toString());
    }

    @Test
    void aCountedPhaseIsAlsoAResultInInstructionsWhoseScoreIsTheMeanPerBoot() throws Exception {
        List<BootRecord> boots = new ArrayList<>();
        for (long decomp : new long[] {101_922_307L, 101_922_307L, 101_922_310L}) {
            boots.add(new BootRecord("t", "gzip", Map.of("mem", "256"), boots.size(), false, Map.of("decomp", 99_000.0), 0, null,
                    Map.of("decomp", decomp), null));
        }
        RunResult result = run(boots);
        Path json = tmp.resolve("counted.json");
        ResultFormatFactory.getInstance(ResultFormatType.JSON, json.toString()).writeOut(List.of(result));
        JsonNode metrics = new ObjectMapper().readTree(json.toFile()).get(0).path("secondaryMetrics");
        JsonNode decomp = metrics.path("decompInstructions");
        assertEquals("instructions", decomp.path("scoreUnit").asText(), decomp.toString());
        // one boot's worth, not three summed: a JMH client shows the count of one decompression
        assertEquals(101_922_308.0, decomp.path("score").asDouble(), 1e-6, decomp.toString());
        assertEquals("[[1.01922307E8,1.01922307E8,1.0192231E8]]", decomp.path("rawData").toString());
        assertEquals("ms", metrics.path("decompMs").path("scoreUnit").asText(), "the host's time stays beside it, in its own unit");
    }

    /** One fork with an iteration per boot, each boot's phases as the profiler gives them. */
    private static RunResult run(List<BootRecord> boots) {
        WorkloadParams workloadParams = new WorkloadParams();
        workloadParams.put("kernel", "bzImage", 0);
        IterationParams measurement = new IterationParams(IterationType.MEASUREMENT, boots.size(), TimeValue.NONE, 1);
        BenchmarkParams params = new BenchmarkParams("dev.kbench.benchmarks.BootBenchmark.boot", "generated", false, 1,
                new int[] {1}, List.of(), 1, 0, new IterationParams(IterationType.WARMUP, 0, TimeValue.NONE, 1), measurement,
                Mode.SingleShotTime, workloadParams, TimeUnit.MILLISECONDS, 1, "java", List.of(), "17", "vm", "17", "1.37", TimeValue.NONE);
        List<IterationResult> iterations = new ArrayList<>();
        for (BootRecord boot : boots) {
            IterationResult iteration = new IterationResult(params, measurement, new IterationResultMetaData(1, 1));
            iteration.addResult(new SingleShotResult(ResultRole.PRIMARY, "boot", 2_000_000_000L, TimeUnit.MILLISECONDS));
            BootPhaseMetrics.results(boot).forEach(iteration::addResult);
            iterations.add(iteration);
        }
        return new RunResult(params, List.of(new BenchmarkResult(params, iterations)));
    }
}
