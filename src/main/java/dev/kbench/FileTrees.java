package dev.kbench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removes the folders kbench makes for a while: a VM's private folder, a download, a root file system's tree. */
public final class FileTrees {

    private FileTrees() {
    }

    /** Deletes {@code root} and everything below it, children first; a missing root is nothing to do. */
    public static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
