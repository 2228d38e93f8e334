package dev.kbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a record at a time agrees with reading the whole file: a torn last line skipped, a bad line before others an error. */
class JsonLinesTest {

    record Point(int x, String name) {
    }

    @TempDir
    Path tmp;

    private List<Point> each(Path file) throws IOException {
        List<Point> seen = new ArrayList<>();
        JsonLines.forEach(file, Point.class, seen::add);
        return seen;
    }

    @Test
    void forEachSeesWhatReadSeesAndSkipsATornLastLine() throws Exception {
        Path file = tmp.resolve("a.jsonl");
        Files.writeString(file, "{\"x\":1,\"name\":\"a\"}\n\n{\"x\":2,\"name\":\"b\"}\n{\"x\":3,\"na");
        assertEquals(List.of(new Point(1, "a"), new Point(2, "b")), each(file));
        assertEquals(JsonLines.read(file, Point.class), each(file));
    }

    @Test
    void aBadLineBeforeOthersIsAnErrorNamingItsLine() throws Exception {
        Path file = tmp.resolve("b.jsonl");
        Files.writeString(file, "{\"x\":1,\"name\":\"a\"}\nnot json\n{\"x\":2,\"name\":\"b\"}\n");
        IOException e = assertThrows(IOException.class, () -> each(file));
        assertTrue(e.getMessage().startsWith(file + ":2: not a kbench Point: "), e.getMessage());
    }

    @Test
    void bytesThatAreNotUtf8SpoilOnlyTheirOwnLine() throws Exception {
        Path file = tmp.resolve("c.jsonl");
        Files.write(file, new byte[] {'{', '"', 'x', '"', ':', '1', ',', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xff, '"', '}', '\n'});
        assertEquals(1, each(file).size());
        assertEquals(JsonLines.read(file, Point.class), each(file));
    }

    @Test
    void firstStopsAtTheRecordItWants() throws Exception {
        Path file = tmp.resolve("d.jsonl");
        // the line after the wanted record is not a record: first never reads it
        Files.writeString(file, "{\"x\":1,\"name\":\"a\"}\n{\"x\":2,\"name\":\"b\"}\nnot json\n{\"x\":3,\"name\":\"c\"}\n");
        assertEquals(new Point(2, "b"), JsonLines.first(file, Point.class, p -> p.x() == 2).orElseThrow());
    }
}
