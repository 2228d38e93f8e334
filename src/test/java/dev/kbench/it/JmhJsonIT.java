package dev.kbench.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kbench.boot.BootLog;
import dev.kbench.boot.BootPhaseMetrics;
import dev.kbench.boot.BootRecord;
import dev.kbench.results.RunLog;
import dev.kbench.results.RunRecord;
import dev.kbench.results.RunSetup;
import static dev.kbench.results.JsonValues.doubles;
import static dev.kbench.results.JsonValues.mean;
import static dev.kbench.results.JsonValues.names;
import static dev.kbench.results.JsonValues.runs;
import static dev.kbench.results.JsonValues.texts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JMH JSON kbench writes, read back as a JSON client reads it: real boots and runs under
 * TCG, every score checked against kbench's own logs, so that a client showing JMH's score shows
 * the truth.
 */
class JmhJsonIT {

    @TempDir
    Path tmp;

    @AfterEach
    void noQemuIsLeftRunning() {
        assertEquals(List.of(), QemuProcesses.ours());
    }

    @Test
    void aBootPhasesScoreIsTheMeanOfItsBootsInTheBootLogWithAnError() throws Exception {
        TestKernel.debianCloud();
        List<String> lines = new ArrayList<>();
        assertEquals(0, KbenchProcess.run(tmp, lines, "boot", "-k", "default", "--boots", "3", "--accel", "tcg", "-o", "b"), lines.toString());
        List<BootRecord> boots = BootLog.read(tmp.resolve("b.boots.jsonl")).stream().filter(BootRecord::measured).toList();
        assertEquals(3, boots.size());
        JsonNode result = new ObjectMapper().readTree(tmp.resolve("b.json").toFile()).get(0);
        assertEquals(List.of("kernel"), names(result.path("params")), "one kernel, one memory size: the rest is in the boot log");
        assertEquals("tcg", boots.get(0).setting().get("accel"));
        for (String metric : List.of("toInitMs", "initToReadyMs", "toReadyMs")) {
            JsonNode phase = result.path("secondaryMetrics").path(metric);
            // a boot without the phase's marker has no value for it (not a zero, not the host's time)
            List<Double> perBoot = boots.stream().map(b -> BootPhaseMetrics.metrics(b).get(metric)).filter(java.util.Objects::nonNull).toList();
            assertEquals(mean(perBoot), phase.path("score").asDouble(), 1e-9, metric + ": the per-boot mean, not a sum over boots: " + phase);
            assertEquals(BootPhaseMetrics.UNIT, phase.path("scoreUnit").asText());
            assertTrue(Double.isFinite(phase.path("scoreError").asDouble()), metric + " has an error: " + phase);
            assertEquals(perBoot, doubles(phase.path("rawData").get(0)), metric + ": one value per boot, in order");
        }
        assertTrue(lines.stream().anyMatch(l -> l.contains("3 boots, to ready mean=")), "the progress line still reads the phase");
    }

    @Test
    void theMergedRunJsonHasARoundPerForkSharedJvmArgsVaryingParamsAndTheWorkloadsUnit() throws Exception {
        TestKernel.debianCloud();
        List<String> lines = new ArrayList<>();
        assertEquals(0, KbenchProcess.run(tmp, lines, "run", "-k", "stock", "caponly", "--variant", "stock=default",
                "--variant", "caponly=default lsm=capability", "-w", "getppid", "--rounds", "2", "--runs", "2", "--warmups", "0",
                "--accel", "icount", "-o", "run.csv"), lines.toString());
        JsonNode root = new ObjectMapper().readTree(tmp.resolve("run.json").toFile());
        List<RunRecord> runs = RunLog.read(tmp.resolve("run.runs.jsonl")).stream().filter(RunRecord::measured).toList();
        assertEquals(2, root.size());
        for (JsonNode result : root) {
            String kernel = result.path("params").path("kernel").asText();
            assertEquals(2, result.path("forks").asInt(), "forks are the rounds: " + kernel);
            assertEquals(List.of("kernel", "workload"), names(result.path("params")), "only what names or varies: " + result.path("params"));
            List<String> jvmArgs = texts(result.path("jvmArgs"));
            assertTrue(jvmArgs.stream().noneMatch(a -> a.startsWith("-Dkbench.round")), jvmArgs.toString());
            assertEquals(jvmArgs.stream().distinct().toList(), jvmArgs, "nothing twice");
            assertTrue(jvmArgs.containsAll(dev.kbench.jmh.InProcessJmh.FORK_JVM_ARGS), "how the forks ran: " + jvmArgs);
            JsonNode workload = result.path("secondaryMetrics").path("workloadOutput");
            // --scale auto: getppid's count under icount, a tenth of its default
            assertEquals("instructions/150000 ops", workload.path("scoreUnit").asText());
            List<Double> logged = runs.stream().filter(r -> r.kernel().equals(kernel)).sorted(java.util.Comparator.comparing(RunRecord::round))
                    .map(r -> r.value().doubleValue()).toList();
            assertEquals(logged, runs(workload), kernel + ": rawData holds lsm-perf's per-run values, round by round");
            assertEquals(mean(logged), workload.path("score").asDouble(), 1e-6,
                    kernel + ": the score is the mean run");
        }
        RunSetup setup = RunSetup.readBeside(tmp.resolve("run.json")).orElseThrow();
        assertEquals("icount", setup.accel());
        assertEquals(Map.of("stock", "default", "caponly", "default lsm=capability"), setup.kernels());
        assertTrue(setup.qemu().startsWith("QEMU emulator version"), setup.qemu());
    }
}
