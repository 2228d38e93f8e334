package dev.kbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Output that the disk does not take, for real: /dev/full fails every write with ENOSPC, as a
 * full disk does; a folder that is a file cannot hold anything. The error names the file, and
 * what was measured is in the file (before the fault) or in the error (the record it refused).
 */
class FullDiskTest {

    @TempDir
    Path tmp;

    private static RunRecord record(long value) {
        return new RunRecord("2026-11-27T12:00:00Z", "b", "default", "eventfd", "1", "tcg", RunPhase.MEASUREMENT, 0, value, 1000, null, 0, 1, null, null);
    }

    @Test
    void aRunLogOnAFullDiskNamesTheFileAndCarriesTheRecord() throws IOException {
        Path log = tmp.resolve("out.runs.jsonl");
        Files.createSymbolicLink(log, Path.of("/dev/full"));
        try (RunLog runs = RunLog.appendTo(log)) {
            IOException e = assertThrows(IOException.class, () -> runs.append(record(609880209L)));
            assertTrue(e.getMessage().startsWith("cannot write " + log + ": No space left on device; the record it did not take: {"), e.getMessage());
            assertTrue(e.getMessage().contains("\"value\":609880209"), e.getMessage());
            assertTrue(!e.getMessage().contains("\n"), "one line");
        }
    }

    @Test
    void aRunLogKeepsWhatCameBeforeTheFault() throws IOException {
        Path log = tmp.resolve("out.runs.jsonl");
        try (RunLog runs = RunLog.appendTo(log)) {
            runs.append(record(1));
            runs.append(record(2));
        }
        // the folder becomes unusable: the file is replaced by a folder of that name
        Path moved = tmp.resolve("kept.runs.jsonl");
        Files.move(log, moved);
        Files.createDirectory(log);
        IOException e = assertThrows(IOException.class, () -> RunLog.appendTo(log));
        assertTrue(e.getMessage().startsWith("cannot write " + log + ": "), e.getMessage());
        assertEquals(List.of(1L, 2L), RunLog.read(moved).stream().map(RunRecord::value).toList());
    }

    @Test
    void anOutputFolderThatIsAFileNamesTheFile() throws IOException {
        Path notAFolder = Files.writeString(tmp.resolve("out"), "a file");
        IOException e = assertThrows(IOException.class, () -> new CsvRowWriter(notAFolder.resolve("lsm-perf.csv"), 2));
        assertEquals("cannot write " + notAFolder.resolve("lsm-perf.csv") + ": " + notAFolder + " is a file, not a folder", e.getMessage());
        IOException log = assertThrows(IOException.class, () -> RunLog.appendTo(notAFolder.resolve("x.runs.jsonl")));
        assertTrue(log.getMessage().startsWith("cannot write " + notAFolder.resolve("x.runs.jsonl") + ": "), log.getMessage());
    }

    @Test
    void aCsvOnAFullDiskNamesTheFileAndTheRow() throws IOException {
        Path csv = tmp.resolve("lsm-perf.csv");
        Files.createSymbolicLink(csv, Path.of("/dev/full"));
        IOException e = assertThrows(IOException.class, () -> new CsvRowWriter(csv, 2));
        assertEquals("cannot write " + csv + ": No space left on device", e.getMessage());
    }
}
