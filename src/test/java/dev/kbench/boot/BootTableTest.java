package dev.kbench.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.results.JsonLines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootTableTest {

    @TempDir
    Path tmp;

    private static BootRecord boot(String kernel, int n, Map<String, Double> phases, double hostReady) {
        return new BootRecord("2026-11-22T00:00:00Z", kernel, new LinkedHashMap<>(Map.of("mem", "512")), n, false, phases, hostReady, null);
    }

    private Path log() throws IOException {
        Path file = tmp.resolve("boot.boots.jsonl");
        try (JsonLines<BootRecord> log = BootLog.appendTo(file)) {
            // a patched bzImage: the suite's markers and kbench's
            log.append(boot("patched", 0, Map.of("in_monitor", 1000.0, "bootstrap", 5000.0, "decomp", 4000.0, "guest", 90000.0,
                    "to_init", 100000.0, "init_to_ready", 2000.0, "to_ready", 102000.0), 103000));
            log.append(boot("patched", 1, Map.of("in_monitor", 3000.0, "bootstrap", 7000.0, "decomp", 6000.0, "guest", 110000.0,
                    "to_init", 120000.0, "init_to_ready", 4000.0, "to_ready", 124000.0), 125000));
            // an unpatched kernel: kbench's markers only
            log.append(boot("debian", 0, Map.of("to_init", 2000000.0, "init_to_ready", 150000.0, "to_ready", 2150000.0), 2151000));
            log.append(new BootRecord("t", "debian", Map.of("mem", "512"), 1, false, Map.of(), 0, "kernel debian did not boot: timeout"));
            // a warm-up boot: recorded, never summarised
            log.append(new BootRecord("t", "debian", Map.of("mem", "512"), 2, true, Map.of("to_ready", 1.0), 1, null));
        }
        return file;
    }

    @Test
    void writesSuiteObjectsSummaryAndPlots() throws IOException {
        List<BootRecord> boots = BootLog.read(log());
        assertEquals(5, boots.size());
        List<Path> files = BootTable.write(boots, tmp.resolve("boot"));
        assertEquals(5, files.size());

        List<String> suite = Files.readAllLines(tmp.resolve("boot.suite.jsonl"));
        assertEquals(3, suite.size(), "the failed boot has no phases to report, the warm-up is no measurement");
        assertEquals("{\"in_monitor\":1000,\"guest\":90000,\"bootstrap\":5000,\"decomp\":4000,\"to_init\":100000,\"init_to_ready\":2000,"
                + "\"to_ready\":102000,\"host_ready\":103000,\"kernel\":\"patched\",\"mem\":\"512\",\"boot\":0}", suite.get(0));
        assertTrue(suite.get(2).startsWith("{\"to_init\":2000000,"), "no suite field for a kernel without its markers: " + suite.get(2));

        String csv = Files.readString(tmp.resolve("boot.boot-summary.csv"));
        assertTrue(csv.startsWith("kernel and setting,phase,mean (us),stdev (us),n\n"), csv);
        assertTrue(csv.contains("patched mem=512,in_monitor,2000.0,1414.2,2\n"), csv);
        assertTrue(csv.contains("debian mem=512,to_ready,2150000.0,0.0,1\n"), csv);
        assertTrue(!csv.contains("debian mem=512,in_monitor"), csv);
        assertTrue(Files.readString(tmp.resolve("boot.boot-summary.md")).contains("| patched mem=512 | guest | 100000.0 | 14142.1 | 2 |"));

        for (String png : List.of("boot.boot-phases.png", "boot.boot-ready.png")) {
            byte[] bytes = Files.readAllBytes(tmp.resolve(png));
            assertEquals((byte) 0x89, bytes[0]);
            assertEquals('P', bytes[1]);
            assertTrue(bytes.length > 5000, png + " is suspiciously small: " + bytes.length);
        }
    }

    @Test
    void theStackedSegmentsAddUpToTheTimeToReady() throws IOException {
        BootSummary.Group patched = BootSummary.of(BootLog.read(log())).get(0);
        double sum = BootPlots.segments(patched).values().stream().mapToDouble(Double::doubleValue).sum();
        assertEquals(patched.mean("to_init") / 1000 + patched.mean("init_to_ready") / 1000, sum, 1e-9);
    }

    @Test
    void aBootWithoutTheReadyMarkerStaysWithoutItInTheSummaryTheSuiteLinesAndThePlot() throws IOException {
        List<BootRecord> boots = List.of(
                boot("late", 0, Map.of("to_init", 2000000.0, "init_to_ready", 200000.0, "to_ready", 2200000.0), 2210000),
                boot("late", 1, Map.of("to_init", 2100000.0), 2900000),
                boot("early", 0, Map.of("to_init", 1000000.0), 1900000));
        BootSummary.Group late = BootSummary.of(boots).get(0);
        assertEquals(2200000.0, late.mean("to_ready"), 1e-9, "the mean over the boots that have the phase");
        assertEquals(1, late.phases().get("to_ready").getN());
        assertEquals(2, late.phases().get("host_ready").getN(), "the host's time is a phase of its own");

        List<Path> files = BootTable.write(boots, tmp.resolve("late"));
        List<String> suite = Files.readAllLines(tmp.resolve("late.suite.jsonl"));
        assertEquals("{\"to_init\":2100000,\"host_ready\":2900000,\"kernel\":\"late\",\"mem\":\"512\",\"boot\":1}", suite.get(1));
        assertEquals(5, files.size());

        BootSummary.Group early = BootSummary.of(boots).get(1);
        assertEquals(Map.of("rest until init (unmarked)", 1000.0), BootPlots.segments(early),
                "no bar of zero for a phase no boot of the group has");
    }

    @Test
    void findsTheBootLogBesideAJmhResult() throws IOException {
        Path log = log();
        assertEquals(log, BootTable.bootLogFor(tmp.resolve("boot.json")));
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> BootTable.bootLogFor(tmp.resolve("other.json")));
        assertTrue(e.getMessage().startsWith("no boot log beside "), e.getMessage());
    }

    @Test
    void countedBootsAddASummaryAndAPlotInInstructionsAndUncountedOnesNone() throws IOException {
        Path file = tmp.resolve("counted.boots.jsonl");
        try (JsonLines<BootRecord> log = BootLog.appendTo(file)) {
            for (long guest : new long[] {325_000_000L, 327_000_000L}) {
                log.append(new BootRecord("t", "gzip", new LinkedHashMap<>(Map.of("mem", "256")), 0, false,
                        Map.of("decomp", 99_000.0, "guest", 1_200_000.0, "to_init", 1_400_000.0), 1_500_000, null,
                        Map.of("decomp", 101_922_307L, "guest", guest, "to_init", guest + 105_000_000L), null));
            }
        }
        List<Path> files = BootTable.write(BootLog.read(file), tmp.resolve("counted"));
        assertTrue(files.contains(tmp.resolve("counted.boot-instructions.png")), files.toString());
        String csv = Files.readString(tmp.resolve("counted.boot-instructions.csv"));
        assertTrue(csv.startsWith("kernel and setting,phase,mean (instructions),stdev (instructions),min,max,n\n"), csv);
        assertTrue(csv.contains("gzip mem=256,decomp,101922307,0.0,101922307,101922307,2\n"), csv);
        assertTrue(csv.contains("gzip mem=256,guest,326000000,1414213.6,325000000,327000000,2\n"), csv);
        assertTrue(Files.readAllLines(tmp.resolve("counted.suite.jsonl")).get(0).contains("\"decomp\":99000,"));
        assertTrue(Files.readAllLines(tmp.resolve("counted.suite.jsonl")).get(0).contains("\"decomp_instructions\":101922307"));

        BootTable.write(BootLog.read(log()), tmp.resolve("plain"));
        assertTrue(!Files.exists(tmp.resolve("plain.boot-instructions.csv")), "no boot counted: no summary in instructions");
    }

    @Test
    void aBootLogWrittenBeforeKbenchCountedIsReadWithNoInstructions() throws IOException {
        Path file = tmp.resolve("old.boots.jsonl");
        Files.writeString(file, "{\"time\":\"2026-11-22T10:00:00Z\",\"kernel\":\"small-kaslr-lz4\",\"setting\":{\"mem\":\"256\"},"
                + "\"boot\":0,\"warmup\":false,\"phases\":{\"decomp\":11400.0},\"hostReadyMicros\":1151000.0,\"error\":null}\n");
        BootRecord old = BootLog.read(file).get(0);
        assertEquals(Map.of(), old.instructions());
        assertEquals(null, old.countNote());
        assertEquals(11400.0, old.phases().get("decomp"));
    }
}
