package dev.kbench.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.kernel.Kernel;
import dev.kbench.results.RunLog;
import dev.kbench.results.RunRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The foundation end to end: JMH boots a real Debian cloud kernel under TCG in every fork,
 * runs eventfd in the guest, writes standard JMH JSON, and {@code kbench csv} turns it into
 * lsm-perf's CSV. Two kernels: the bzImage by path, and a variant of it by name. No {@code -prof}:
 * the jar's main adds kbench's profilers, as a user running JMH directly gets them.
 */
class WorkloadBenchmarkIT {

    @TempDir
    Path tmp;

    @Test
    void twoKernelsTwoForksTwoIterationsToJsonAndCsv() throws Exception {
        Kernel kernel = TestKernel.debianCloud();
        Path variants = Files.writeString(tmp.resolve("variants.conf"), "caponly = " + kernel.image() + " lsm=capability\n");
        Path json = tmp.resolve("out.json");
        Path runLog = tmp.resolve("runs.jsonl");
        List<String> output = new ArrayList<>();
        int exit = JmhRunner.executor(
                Map.of("KBENCH_VARIANTS", variants.toString(), "KBENCH_RUN_LOG", runLog.toString()),
                List.of("WorkloadBenchmark", "-p", "kernel=" + kernel.image() + ",caponly", "-p", "accel=tcg",
                        "-p", "workload=eventfd", "-f", "2", "-wi", "1", "-i", "2",
                        "-rf", "json", "-rff", json.toString()),
                output).execute().getExitValue();
        assertEquals(0, exit, "JMH failed; its output is above");
        assertEquals(List.of(), QemuProcesses.ours());

        Path csv = tmp.resolve("out.csv");
        assertEquals(0, dev.kbench.cli.Kbench.commandLine(dev.kbench.Settings.fromEnvironment()).execute("csv", json.toString(), "-o", csv.toString()));
        List<String> lines = Files.readAllLines(csv);
        assertEquals("kernel path,round,run 0,run 1", lines.get(0));
        assertEquals(5, lines.size(), String.join("\n", lines));
        List<String> expectedOrder = List.of(kernel.image() + ",0", "caponly,0", kernel.image() + ",1", "caponly,1");
        Set<Long> values = new HashSet<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",");
            assertEquals(expectedOrder.get(i - 1), cells[0] + "," + cells[1]);
            for (int run = 2; run < cells.length; run++) {
                long value = Long.parseLong(cells[run]);
                assertTrue(value > 0, "eventfd printed " + value);
                values.add(value);
            }
        }
        assertTrue(values.size() > 1, "eight runs printed the same number: " + values);

        // kbench's own record holds the same measured runs, plus the warm-ups
        List<RunRecord> records = RunLog.read(runLog).stream().filter(RunRecord::workloadRun).toList();
        assertEquals(2 * 2 * (1 + 2), records.size());
        assertTrue(records.stream().allMatch(r -> r.accel().equals("tcg") && r.error() == null));
        assertEquals(4, records.stream().map(RunRecord::vm).distinct().count(), "one VM per fork");

        // JMH's own score of the workload's integer is the mean run, in eventfd's unit, with an error: the jar's main adds the
        // profiler no -prof named, and the boot phases' profiler beside it adds nothing to a workload's iterations
        for (com.fasterxml.jackson.databind.JsonNode result : new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile())) {
            assertEquals(List.of("workloadOutput"), names(result.path("secondaryMetrics").fieldNames()));
            com.fasterxml.jackson.databind.JsonNode printed = result.path("secondaryMetrics").path("workloadOutput");
            assertEquals("us CPU/1000000 ops", printed.path("scoreUnit").asText());
            List<Double> runs = dev.kbench.results.JsonValues.runs(printed);
            assertEquals(4, runs.size());
            assertEquals(dev.kbench.results.JsonValues.mean(runs), printed.path("score").asDouble(), 1e-6, "the mean, not the sum: " + printed);
            assertTrue(Double.isFinite(printed.path("scoreError").asDouble()), printed.toString());
        }
    }

    private static List<String> names(java.util.Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
