package dev.kbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading up to the record wanted: a torn last line skipped, a line that is no record before it an error naming the line. */
class JsonLinesTest {

    record Point(int x, String name) {
    }

    @TempDir
    Path tmp;

    @Test
    void firstSaysWhichLineIsNoRecordBeforeTheOneItWants() throws Exception {
        Path file = tmp.resolve("b.jsonl");
        Files.writeString(file, "{\"x\":1,\"name\":\"a\"}\nnot json\n{\"x\":2,\"name\":\"b\"}\n");
        IOException e = assertThrows(IOException.class, () -> JsonLines.first(file, Point.class, p -> p.x() == 2));
        assertTrue(e.getMessage().startsWith(file + ":2: not a kbench Point: "), e.getMessage());
    }

    @Test
    void firstSkipsATornLastLine() throws Exception {
        Path file = tmp.resolve("a.jsonl");
        Files.writeString(file, "{\"x\":1,\"name\":\"a\"}\n{\"x\":3,\"na");
        assertEquals(Optional.empty(), JsonLines.first(file, Point.class, p -> p.x() == 3));
    }

    @Test
    void firstStopsAtTheRecordItWants() throws Exception {
        Path file = tmp.resolve("d.jsonl");
        // the line after the wanted record is not a record: first never reads it
        Files.writeString(file, "{\"x\":1,\"name\":\"a\"}\n{\"x\":2,\"name\":\"b\"}\nnot json\n{\"x\":3,\"name\":\"c\"}\n");
        assertEquals(new Point(2, "b"), JsonLines.first(file, Point.class, p -> p.x() == 2).orElseThrow());
    }
}
