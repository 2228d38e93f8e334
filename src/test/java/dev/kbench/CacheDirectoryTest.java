package dev.kbench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CacheDirectoryTest {

    @Test
    void explicitThenXdgThenHome() {
        assertEquals(Path.of("/c"), CacheDirectory.fromEnvironment(Map.of("KBENCH_CACHE", "/c", "XDG_CACHE_HOME", "/x"), "/h").root());
        assertEquals(Path.of("/x/kbench"), CacheDirectory.fromEnvironment(Map.of("XDG_CACHE_HOME", "/x"), "/h").root());
        assertEquals(Path.of("/h/.cache/kbench"), CacheDirectory.fromEnvironment(Map.of(), "/h").root());
    }
}
