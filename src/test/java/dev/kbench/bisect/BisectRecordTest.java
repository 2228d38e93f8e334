package dev.kbench.bisect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.results.Correction;
import dev.kbench.vm.Accel;
import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BisectRecordTest {

    @TempDir
    Path dir;

    private static final String GOOD = "7e05ea6d218882276493d9262af98ded2283aa6c";
    private static final String BAD = "935ffb2f49c3aaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private static final String STEP = "c0adea5c0adea5c0adea5c0adea5c0adea5c0ade";
    private static final String BROKEN = "21ebdbb21ebdbb21ebdbb21ebdbb21ebdbb21ebd";

    private BisectRecord record() {
        BisectRequest request = new BisectRequest(dir.resolve("linux"), "base", "single-bad", List.of("getppid"), "small", 1.0, Correction.BH,
                Accel.ICOUNT, 0, 2, dir.resolve("out"));
        Position.Side same = new Position.Side(0.001, -0.01, 0.012, "same");
        Position.Side slower = new Position.Side(8.1, 8.0, 8.2, "slower");
        BisectRecord.Ends ends = new BisectRecord.Ends(new GitRepository.Commit(GOOD, "Linux 6.1", "2024-01-01"),
                new GitRepository.Commit(BAD, "README: a line", "2024-01-01"), List.of(BROKEN, STEP, BAD),
                List.of(new BisectRecord.EndEffect("getppid", slower)), Accel.ICOUNT, 2, 300, 60, "ends");
        StepRecord skipped = new StepRecord(1, GOOD, BAD, BROKEN, "fork: a helper that does not compile", "2024-01-01", "skipped", List.of(),
                20, 0, "", "does not build: make exited 2: kernel/fork.c: error", List.of("kernel/fork.c:1:1: error: expected ';'"));
        StepRecord bad = new StepRecord(2, GOOD, BAD, STEP, "getppid: spin", "2024-01-01", "bad",
                List.of(new Position("getppid", slower, same, 8.1, 1.0)), 40, 50, "steps/02-" + STEP.substring(0, 12), "", List.of());
        Finding finding = new Finding(STEP, "getppid: spin", "2024-01-01", BROKEN,
                List.of(new Finding.Confirmation("getppid", slower, same, same, 1.0)), List.of(), "confirm");
        return BisectRecord.start(request).withEnds(ends).withStep(skipped).withStep(bad).withFindings(List.of(finding), List.of());
    }

    @Test
    void whatIsWrittenIsReadBackForResume() throws Exception {
        BisectRecord written = record();
        written.write(dir.resolve("out"));
        BisectRecord read = BisectRecord.read(dir.resolve("out"));
        assertEquals(written, read);
        assertEquals("bad", read.kept(GOOD, BAD, STEP).orElseThrow().call());
        assertTrue(read.kept(STEP, BAD, STEP).isEmpty(), "a step belongs to its range");
    }

    @Test
    void theReportHasTheTableThePlotAndTheAnswer() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        new BisectReport(record()).write(out, new PrintStream(console, true, StandardCharsets.UTF_8));
        String md = Files.readString(out.resolve("bisect.md"));
        assertTrue(md.contains("| 1 | 21ebdbb21ebd | fork: a helper that does not compile | skipped: does not build"), md);
        assertTrue(md.contains("| 2 | c0adea5c0ade | getppid: spin | bad | +8.10 % [+8.00 %, +8.20 %] |"), md);
        assertTrue(Files.size(out.resolve("bisect-getppid.png")) > 10_000);
        String text = console.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("kbench bisect: first bad commit: " + STEP + " getppid: spin (2024-01-01); getppid against its parent"
                + " +8.10 % [+8.00 %, +8.20 %], 100 % of the change, its parent against good same (instructions), it against bad same (instructions)"), text);
    }
}
