package dev.kbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LsmPerfCsvTest {

    @TempDir
    Path tmp;

    private static Path resource(String name) throws Exception {
        return Path.of(LsmPerfCsvTest.class.getResource("/results/" + name).toURI());
    }

    @Test
    void writesLsmPerfsHeaderAndRoundMajorRows() throws IOException {
        List<KernelRounds> kernels = List.of(
                new KernelRounds("../../images/alllsm", List.of(List.of(632534L, 637162L), List.of(644304L, 639634L))),
                new KernelRounds("../../images/nolsm", List.of(List.of(572458L, 558261L), List.of(559117L, 571304L))));
        StringWriter out = new StringWriter();
        LsmPerfCsv.write(kernels, out);
        assertEquals("""
                kernel path,round,run 0,run 1
                ../../images/alllsm,0,632534,637162
                ../../images/nolsm,0,572458,558261
                ../../images/alllsm,1,644304,639634
                ../../images/nolsm,1,559117,571304
                """, out.toString());
    }

    @Test
    void readsTheGuestReportedMetricFromJmhJson() throws Exception {
        List<KernelRounds> kernels = JmhResults.read(resource("jmh-workload.json"));
        assertEquals(2, kernels.size());
        KernelRounds stock = kernels.get(0);
        assertEquals("stock", stock.kernel());
        assertEquals(2, stock.rounds().size());
        assertEquals(List.of(1365426L, 1158912L), stock.rounds().get(0));
        assertEquals("caponly", kernels.get(1).kernel());
    }

    @Test
    void jmhJsonToCsvEndToEnd() throws Exception {
        StringWriter out = new StringWriter();
        LsmPerfCsv.write(JmhResults.read(resource("jmh-workload.json")), out);
        String[] lines = out.toString().split("\n");
        assertEquals("kernel path,round,run 0,run 1", lines[0]);
        assertEquals("stock,0,1365426,1158912", lines[1]);
        assertEquals(5, lines.length);
        for (int i = 1; i < lines.length; i++) {
            assertTrue(lines[i].matches("(stock|caponly),[01],\\d+,\\d+"), lines[i]);
        }
    }

    @Test
    void aSweepsOtherParametersJoinTheKernelName() throws Exception {
        List<String> names = JmhResults.read(resource("jmh-sweep.json")).stream().map(KernelRounds::kernel).toList();
        assertEquals(List.of("stock [mem=256]", "caponly [mem=256]", "stock [mem=512]", "caponly [mem=512]"), names);
    }

    @Test
    void aFileThatIsNotJmhJsonIsNamed() throws IOException {
        Path notJson = Files.writeString(tmp.resolve("out.json"), "kernel path,round\n");
        IOException e = assertThrows(IOException.class, () -> JmhResults.read(notJson));
        assertTrue(e.getMessage().startsWith(notJson + " is not a JMH JSON result file"), e.getMessage());
        Path object = Files.writeString(tmp.resolve("obj.json"), "{}");
        assertTrue(assertThrows(IOException.class, () -> JmhResults.read(object)).getMessage().contains("-rf json"));
    }

    @Test
    void theRunLogGivesTheSameRowsAndSkipsWarmupsAndFailures() throws IOException {
        Path log = tmp.resolve("runs.jsonl");
        try (RunLog runLog = RunLog.appendTo(log)) {
            runLog.append(rec("stock", "vm1", RunPhase.WARMUP, 0, 999L, null));
            runLog.append(rec("stock", "vm1", RunPhase.MEASUREMENT, 0, 10L, null));
            runLog.append(rec("stock", "vm1", RunPhase.MEASUREMENT, 1, 11L, null));
            runLog.append(rec("caponly", "vm2", RunPhase.MEASUREMENT, 0, 8L, null));
            runLog.append(rec("caponly", "vm2", RunPhase.MEASUREMENT, 1, null, "workload crashed"));
            runLog.append(rec("stock", "vm3", RunPhase.MEASUREMENT, 0, 12L, null));
        }
        Files.writeString(log, "{\"time\":\"torn", java.nio.file.StandardOpenOption.APPEND); // writer killed mid-line
        List<RunRecord> records = RunLog.read(log);
        assertEquals(6, records.size());
        assertEquals("workload crashed", records.get(4).error());
        List<KernelRounds> rounds = RunLog.rounds(records);
        assertEquals(List.of(new KernelRounds("stock", List.of(List.of(10L, 11L), List.of(12L))),
                new KernelRounds("caponly", List.of(List.of(8L)))), rounds);
    }

    private static RunRecord rec(String kernel, String vm, RunPhase phase, int iteration, Long value, String error) {
        return new RunRecord("2026-11-22T00:00:00Z", "b", kernel, "eventfd", vm, "tcg", phase, iteration, value, 1000, error, null, null, null, null);
    }
}
