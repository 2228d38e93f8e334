package dev.kbench.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.results.JmhResults;
import dev.kbench.results.KernelForks;
import dev.kbench.results.KernelRounds;
import dev.kbench.results.RunSetup;
import static dev.kbench.results.JmhRunResults.kernel;
import static dev.kbench.results.JsonValues.mean;
import static dev.kbench.results.JsonValues.names;
import static dev.kbench.results.JsonValues.runs;
import static dev.kbench.results.JsonValues.texts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kbench.results.WorkloadResults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.RunResult;

/**
 * kbench run's outputs from JMH results made here as its forks report them (a kernel's round
 * is a fork, a run an iteration with the workload's integer as a secondary metric), without a VM.
 */
class ResultsWriterTest {

    private static final List<List<Long>> STOCK = List.of(List.of(100L, 102L), List.of(98L, 101L));
    private static final List<List<Long>> CAPONLY = List.of(List.of(120L, 119L), List.of(121L, 122L));

    static final RunSetup SETUP = new RunSetup(Map.of("stock", "default", "caponly", "default lsm=capability"), "tcg", 1, 2, "balanced", 42,
            Map.of("mem", "512 MiB"), Map.of("/home/me/prog", "widgets"), null, "host", "QEMU emulator version 7.2.0", "0.1.0", "2026-11-27T12:00:00Z",
            List.of(List.of("stock", "caponly"), List.of("caponly", "stock")), List.of(), null);

    @TempDir
    Path tmp;

    @Test
    void theMergedJsonSaysItsRoundsAsForksAndOnlyWhatNamesOrVariesAsParams() throws Exception {
        Path json = writeEventfdRun().get(0);

        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertEquals(2, root.size());
        for (JsonNode result : root) {
            assertEquals(2, result.path("forks").asInt(), "two rounds, two forks: " + result);
            assertEquals(2, result.path("primaryMetric").path("rawData").size());
            assertEquals(List.of("-Dkbench.settings=/out/lsm-perf.settings.properties"), texts(result.path("jvmArgs")),
                    "no round of one fork, nothing twice");
            assertEquals(List.of("kernel", "workload"), names(result.path("params")), "accel and mem are the same everywhere: in the setup");
            JsonNode workload = result.path("secondaryMetrics").path(JmhResults.WORKLOAD_METRIC);
            assertEquals(mean(runs(workload)), workload.path("score").asDouble(), 1e-9, "the score is the mean of the runs, not their sum");
            assertTrue(Double.isFinite(workload.path("scoreError").asDouble()), "an error: " + workload);
        }
        // the order the rounds ran in: stock first in round 0, caponly first in round 1
        assertEquals(List.of(0, 1), ints(root.get(0).path(MergedJson.POSITIONS)), root.get(0).path("params").toString());
        assertEquals(List.of(1, 0), ints(root.get(1).path(MergedJson.POSITIONS)));
        assertEquals(SETUP, RunSetup.readBeside(json).orElseThrow(), "the setup beside it reads back");
    }

    @Test
    void jmhsOwnTableShowsTheMeanRunAsTheWorkloadsScore() throws Exception {
        // what JMH prints at the end of a run and writes with -rf text, from the results the JSON is written from
        List<RunResult> jmh = List.of(kernel("stock", Map.of("workload", "eventfd"), Map.of(JmhResults.WORKLOAD_METRIC, STOCK)));
        java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
        org.openjdk.jmh.results.format.ResultFormatFactory.getInstance(org.openjdk.jmh.results.format.ResultFormatType.TEXT,
                new java.io.PrintStream(text, true, java.nio.charset.StandardCharsets.UTF_8)).writeOut(jmh);
        String row = text.toString(java.nio.charset.StandardCharsets.UTF_8).lines().filter(l -> l.contains("run:workloadOutput"))
                .findFirst().orElseThrow();
        // runs 100, 102, 98, 101: the mean is 100.25 (their sum, 401, is what @AuxCounters made of it)
        assertTrue(row.matches(".*\\s100\\.250\\s+±.*printed\\s*"), row);
    }

    @Test
    void aSuiteIsNamedNotListedAndAProgramTakesTheUnitItsUserGave() throws Exception {
        Map<String, List<KernelRounds>> measured = new LinkedHashMap<>();
        measured.put("getppid", List.of(new KernelRounds("stock", STOCK), new KernelRounds("caponly", CAPONLY)));
        measured.put("/home/me/prog", List.of(new KernelRounds("stock", CAPONLY), new KernelRounds("caponly", STOCK)));
        Path json = ResultsWriter.writeRun(forks(suite(measured)), measured, true, SETUP, suffix -> tmp.resolve("suite" + suffix)).get(0);
        JsonNode first = new ObjectMapper().readTree(json.toFile()).get(0);
        assertEquals("getppid:/home/me/prog", first.path("params").path("workloads").asText(), "no name given, not every built-in: the list");
        assertEquals("widgets", first.path("secondaryMetrics").path(JmhResults.SUITE_METRIC_PREFIX + "/home/me/prog").path("scoreUnit").asText());
        assertEquals("printed", first.path("secondaryMetrics").path(JmhResults.SUITE_METRIC_PREFIX + "getppid").path("scoreUnit").asText(),
                "a built-in workload's unit is its fork's");

        RunSetup named = new RunSetup(SETUP.kernels(), SETUP.accel(), SETUP.warmups(), SETUP.runs(), SETUP.order(), SETUP.seed(),
                SETUP.settings(), SETUP.units(), "my-suite", SETUP.host(), SETUP.qemu(), SETUP.kbench(), SETUP.date(), SETUP.rounds(), SETUP.hosts(), SETUP.shard());
        json = ResultsWriter.writeRun(forks(suite(measured)), measured, true, named, suffix -> tmp.resolve("named" + suffix)).get(0);
        assertEquals("my-suite", new ObjectMapper().readTree(json.toFile()).get(0).path("params").path("workloads").asText());

        Map<String, List<KernelRounds>> every = new LinkedHashMap<>();
        for (String workload : dev.kbench.guest.GuestImage.builtInWorkloads()) {
            every.put(workload, List.of(new KernelRounds("stock", STOCK), new KernelRounds("caponly", CAPONLY)));
        }
        json = ResultsWriter.writeRun(forks(suite(every)), every, true, SETUP, suffix -> tmp.resolve("all" + suffix)).get(0);
        assertEquals("all", new ObjectMapper().readTree(json.toFile()).get(0).path("params").path("workloads").asText());
        assertEquals(every.keySet().stream().toList(), JmhResults.workloads(List.of(json)).stream().map(WorkloadResults::name).toList(),
                "the report still finds every workload, in the suite's order");
    }

    @Test
    void oneWorkloadGivesTheJsonItsSetupTheMarkdownAndTheRunPlotBesideOut() throws Exception {
        List<Path> files = writeEventfdRun();

        assertEquals(List.of(tmp.resolve("lsm-perf.json"), tmp.resolve("lsm-perf.setup.json"), tmp.resolve("lsm-perf.comparison.md"),
                tmp.resolve("lsm-perf.png")), files);
        assertEquals(List.of(new KernelRounds("stock", STOCK), new KernelRounds("caponly", CAPONLY)), JmhResults.read(files.get(0)),
                "the JSON holds what was measured");
        String markdown = Files.readString(files.get(2));
        assertTrue(markdown.startsWith("# eventfd\n\n| kernel |") && markdown.contains("| caponly | 2 | 4 | 120.5 |"), markdown);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(Files.readAllBytes(files.get(3)), 4));
    }

    @Test
    void aSuiteGivesTheReportOfItsJsonInsteadOfABoxPlot() throws Exception {
        Map<String, List<KernelRounds>> measured = new LinkedHashMap<>();
        measured.put("getppid", List.of(new KernelRounds("stock", STOCK), new KernelRounds("caponly", CAPONLY)));
        measured.put("eventfd", List.of(new KernelRounds("stock", CAPONLY), new KernelRounds("caponly", STOCK)));
        List<Path> files = ResultsWriter.writeRun(forks(suite(measured)), measured, true, SETUP, suffix -> tmp.resolve("suite" + suffix));

        assertEquals(List.of("suite.json", "suite.setup.json", "suite.comparison.md", "suite.html", "suite-overview.png", "suite-getppid-runs.png",
                "suite-getppid-overhead.png", "suite-eventfd-runs.png", "suite-eventfd-overhead.png"),
                files.stream().map(p -> p.getFileName().toString()).toList());
        List<WorkloadResults> fromJson = JmhResults.workloads(List.of(files.get(0)));
        assertEquals(List.of(new WorkloadResults("getppid", measured.get("getppid")), new WorkloadResults("eventfd", measured.get("eventfd"))), fromJson);
        assertTrue(Files.readString(files.get(2)).startsWith("# Overview\n"), "several workloads: the overview first");
        assertTrue(Files.readString(files.get(3)).contains("<code>" + files.get(0) + "</code>"), "the page names the JSON it shows");
    }

    @Test
    void constantAndZeroOutputsGiveTablesNotErrors() throws Exception {
        // what RunCommandIT's test programs print: dyn_answer 42 every run, count_args 0 (no ratio of logs exists)
        List<List<Long>> answer = List.of(List.of(42L, 42L), List.of(42L, 42L));
        List<List<Long>> zero = List.of(List.of(0L, 0L), List.of(0L, 0L));
        Map<String, List<KernelRounds>> measured = new LinkedHashMap<>();
        measured.put("dyn_answer", List.of(new KernelRounds("default", answer), new KernelRounds("caponly", answer)));
        measured.put("count_args", List.of(new KernelRounds("default", zero), new KernelRounds("caponly", zero)));
        List<Path> files = ResultsWriter.writeRun(forks(suite(measured)), measured, true, SETUP, suffix -> tmp.resolve("suite" + suffix));
        String markdown = Files.readString(files.get(2));
        // the row RunCommandIT looks for, and the verdicts: identical constants are the same; zeros cannot be compared
        assertTrue(markdown.contains("| caponly | 2 | 4 | 42.0 | 0.0 | 0.00% | 0.00% | [42.0, 42.0] | +0.00% | [+0.00%, +0.00%] | 1.0000 | 1.0000 | same |"),
                markdown);
        assertTrue(markdown.contains("| caponly | 2 | 4 | 0.0 | 0.0 | n/a | n/a | [0.0, 0.0] | n/a (a value <= 0) | n/a | n/a | n/a | inconclusive |"),
                markdown);
    }

    /** kbench run's files for eventfd on two kernels, two rounds of two runs each. */
    private List<Path> writeEventfdRun() throws Exception {
        Map<String, List<KernelRounds>> measured = Map.of("eventfd",
                List.of(new KernelRounds("stock", STOCK), new KernelRounds("caponly", CAPONLY)));
        List<RunResult> jmh = List.of(kernel("stock", Map.of("workload", "eventfd"), Map.of(JmhResults.WORKLOAD_METRIC, STOCK)),
                kernel("caponly", Map.of("workload", "eventfd"), Map.of(JmhResults.WORKLOAD_METRIC, CAPONLY)));
        return ResultsWriter.writeRun(forks(jmh), measured, false, SETUP, suffix -> tmp.resolve("lsm-perf" + suffix));
    }

    private static List<KernelForks> forks(List<RunResult> jmh) {
        return jmh.stream().map(KernelForks::of).toList();
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> values = new ArrayList<>();
        array.forEach(n -> values.add(n.asInt()));
        return values;
    }

    /** A suite's JMH results as SuiteBenchmark reports them: per kernel, a metric per workload; every workload has the same kernels. */
    private static List<RunResult> suite(Map<String, List<KernelRounds>> measured) {
        Map<String, String> params = Map.of("workloads", String.join(":", measured.keySet()));
        Map<String, Map<String, List<List<Long>>>> metrics = new LinkedHashMap<>();
        measured.forEach((workload, kernels) -> kernels.forEach(k -> metrics.computeIfAbsent(k.kernel(), x -> new LinkedHashMap<>())
                .put(JmhResults.SUITE_METRIC_PREFIX + workload, k.rounds())));
        List<RunResult> results = new ArrayList<>();
        metrics.forEach((kernel, byMetric) -> results.add(kernel(kernel, params, byMetric)));
        return results;
    }
}
