package dev.kbench.boot;

import dev.kbench.KbenchException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The host's page cache, dropped before a cold boot so the kernel image is read from disk again. */
public final class PageCache {

    private static final Path DROP_CACHES = Path.of("/proc/sys/vm/drop_caches");

    private PageCache() {
    }

    /** {@code sync; echo 3 > /proc/sys/vm/drop_caches}: needs root. */
    public static void drop() throws IOException {
        try {
            new ProcessBuilder("sync").inheritIO().start().waitFor();
            Files.writeString(DROP_CACHES, "3\n");
        } catch (AccessDeniedException e) {
            throw new KbenchException(KbenchException.Kind.INFRASTRUCTURE, "a cold-cache boot needs root to drop the page cache (" + DROP_CACHES + "): run as root, or use --cache warm");
        } catch (IOException e) {
            throw new KbenchException(KbenchException.Kind.INFRASTRUCTURE, "cannot drop the page cache through " + DROP_CACHES + ": " + e.getMessage()
                    + " (a container may forbid it; use --cache warm)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KbenchException(KbenchException.Kind.INFRASTRUCTURE, "interrupted while dropping the page cache", e);
        }
    }
}
