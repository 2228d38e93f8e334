package dev.kbench.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.kernel.Kernel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The initramfs cache is keyed by its inputs' identities, not by the archive's hash: a fork finds
 * its image without building it, and any input that changes makes another image.
 */
class GuestImageCacheTest {

    @TempDir
    Path tmp;

    @Test
    void theSameInputsFindTheSameImageWithoutWritingItAgain() throws Exception {
        Kernel kernel = new Kernel("k", tmp.resolve("bzImage"), "", Optional.empty());
        Path program = Files.writeString(tmp.resolve("prog"), "#!/bin/sh\necho 1\n");
        Path cache = tmp.resolve("cache");
        Path first = new GuestImage(cache).workloads(List.of("getppid")).program(program).buildFor(kernel);
        Object file = Files.readAttributes(first, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        Files.setLastModifiedTime(first, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));

        Path again = new GuestImage(cache).workloads(List.of("getppid")).program(program).buildFor(kernel);

        assertEquals(first, again);
        assertEquals(file, Files.readAttributes(again, java.nio.file.attribute.BasicFileAttributes.class).fileKey(), "found, not written again");
        assertTrue(Files.getLastModifiedTime(again).toInstant().isAfter(Instant.now().minusSeconds(60)), "marked used now");
        byte[] archive = Files.readAllBytes(first);
        assertTrue(contains(archive, "bin/getppid") && contains(archive, "bin/prog") && contains(archive, "echo 1"), "the image holds its inputs");
    }

    @Test
    void anInputThatChangesMakesAnotherImage() throws Exception {
        Kernel kernel = new Kernel("k", tmp.resolve("bzImage"), "", Optional.empty());
        Path program = Files.writeString(tmp.resolve("prog"), "#!/bin/sh\necho 1\n");
        Path cache = tmp.resolve("cache");
        Path before = new GuestImage(cache).program(program).buildFor(kernel);

        Files.writeString(program, "#!/bin/sh\necho 2\n");
        Files.setLastModifiedTime(program, FileTime.from(Instant.now().plusSeconds(5)));
        Path after = new GuestImage(cache).program(program).buildFor(kernel);

        assertNotEquals(before, after);
        assertTrue(contains(Files.readAllBytes(after), "echo 2"), "the new image holds the new program");
        assertNotEquals(before, new GuestImage(cache).program(program).workloads(List.of("getppid")).buildFor(kernel), "another workload");
        assertNotEquals(after, new GuestImage(cache).program(program).init("kbench-loop-init").buildFor(kernel), "another init");
    }

    @Test
    void writingAnImageDeletesTheImagesUnusedForThirtyDays() throws Exception {
        Kernel kernel = new Kernel("k", tmp.resolve("bzImage"), "", Optional.empty());
        Path cache = Files.createDirectories(tmp.resolve("cache"));
        Path old = Files.writeString(cache.resolve("0123abcd.cpio"), "old");
        Path oldRoot = Files.writeString(cache.resolve("0123abcd.ext4"), "old");
        Path recent = Files.writeString(cache.resolve("4567cdef.cpio"), "recent");
        Path other = Files.writeString(cache.resolve("notes.txt"), "not an image");
        for (Path file : List.of(old, oldRoot, other)) {
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(GuestImage.UNUSED_FOR).minusSeconds(3600)));
        }
        Files.setLastModifiedTime(recent, FileTime.from(Instant.now().minus(GuestImage.UNUSED_FOR).plusSeconds(3600)));

        Path built = new GuestImage(cache).workloads(List.of("getppid")).buildFor(kernel);

        assertTrue(Files.exists(built) && Files.exists(recent) && Files.exists(other), "the new image, one used within 30 days, a file not an image");
        assertTrue(!Files.exists(old) && !Files.exists(oldRoot), "images unused for 30 days are gone");
    }

    private static boolean contains(byte[] haystack, String needle) {
        return new String(haystack, java.nio.charset.StandardCharsets.ISO_8859_1).contains(needle);
    }
}
