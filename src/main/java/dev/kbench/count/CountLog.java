package dev.kbench.count;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * What kbench's TCG plugin wrote for one VM (the format is described in
 * {@code qemu-plugin/kbench_count.c}). QEMU may be killed at any moment, so a last line without
 * its newline, and a window whose addresses did not all arrive, are left out rather than read half.
 *
 * @param markers the instructions executed before each boot-marker write, in the order the host
 *                received the markers' bytes
 * @param windows the instructions executed before each window write of a workload (opening, closing, ...)
 * @param functionWindows for each closed window, the instructions each guest address executed in it
 * @param total every instruction the guest executed, when QEMU exited cleanly
 */
public record CountLog(List<Long> markers, List<Long> windows, List<Map<Long, Long>> functionWindows, OptionalLong total) {

    static final String FORMAT = "kbench-count 1";

    public CountLog {
        markers = List.copyOf(markers);
        windows = List.copyOf(windows);
        functionWindows = List.copyOf(functionWindows);
    }

    public static CountLog read(Path file) throws IOException {
        return parse(new String(Files.readAllBytes(file), StandardCharsets.UTF_8), file.toString());
    }

    static CountLog parse(String text, String name) {
        int end = text.lastIndexOf('\n');
        List<String> lines = end < 0 ? List.of() : text.substring(0, end).lines().toList();
        if (lines.isEmpty() || !lines.get(0).equals(FORMAT)) {
            throw new IllegalArgumentException(name + " is not a count file of kbench's TCG plugin (no '" + FORMAT + "' line first)");
        }
        List<Long> markers = new ArrayList<>();
        List<Long> windows = new ArrayList<>();
        List<Map<Long, Long>> functionWindows = new ArrayList<>();
        Map<Long, Long> open = null;
        OptionalLong total = OptionalLong.empty();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            String[] f = line.split(" ");
            try {
                switch (f[0]) {
                    case "m" -> markers.add(Long.parseUnsignedLong(f[1]));
                    case "w" -> windows.add(Long.parseUnsignedLong(f[1]));
                    case "f" -> {
                        open = open == null ? new TreeMap<>(Long::compareUnsigned) : open;
                        open.merge(Long.parseUnsignedLong(f[1], 16), Long.parseUnsignedLong(f[2]), Long::sum);
                    }
                    case "e" -> {
                        functionWindows.add(Collections.unmodifiableMap(open == null ? new TreeMap<>() : open));
                        open = null;
                    }
                    case "t" -> total = OptionalLong.of(Long.parseUnsignedLong(f[1]));
                    default -> throw new IllegalArgumentException("unknown record");
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(name + ", line " + (i + 1) + ": '" + line + "' is not a record of kbench's TCG plugin");
            }
        }
        return new CountLog(markers, windows, functionWindows, total);
    }

    /** The instructions executed between the {@code from}-th and the {@code to}-th marker (counted from 0). */
    public long betweenMarkers(int from, int to) {
        return markers.get(to) - markers.get(from);
    }
}
