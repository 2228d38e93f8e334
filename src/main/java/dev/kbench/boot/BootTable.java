package dev.kbench.boot;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kbench.KbenchException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a boot log into what the (FG)KASLR suite publishes: one JSON object per boot in its
 * format and units (microseconds), a summary per kernel and setting (CSV and Markdown), and
 * the two plots.
 */
public final class BootTable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BootTable() {
    }

    /** The boot log that belongs to {@code input}: itself if it is one, else {@code X.boots.jsonl} or kbench-boots.jsonl beside it. */
    public static Path bootLogFor(Path input) throws IOException {
        String name = input.getFileName().toString();
        if (name.endsWith(".jsonl")) {
            return input;
        }
        Path sibling = input.resolveSibling(name.replaceFirst("\\.json$", "") + ".boots.jsonl");
        if (Files.exists(sibling)) {
            return sibling;
        }
        Path plain = input.toAbsolutePath().resolveSibling("kbench-boots.jsonl");
        if (Files.exists(plain)) {
            return plain;
        }
        throw new KbenchException(KbenchException.Kind.BAD_INPUT, "no boot log beside " + input + " (looked for " + sibling.getFileName() + " and kbench-boots.jsonl):"
                + " give the .jsonl that BootBenchmark or kbench boot wrote ($KBENCH_BOOT_LOG)");
    }

    /** Writes every output beside {@code base} (a path without extension); returns the files written. */
    public static List<Path> write(List<BootRecord> boots, Path base) throws IOException {
        List<Path> files = new ArrayList<>();
        Path perBoot = sibling(base, ".suite.jsonl");
        StringBuilder lines = new StringBuilder();
        for (BootRecord boot : boots) {
            if (boot.measured()) {
                lines.append(JSON.writeValueAsString(suiteObject(boot))).append('\n');
            }
        }
        files.add(Files.writeString(perBoot, lines));
        List<BootSummary.Group> groups = BootSummary.of(boots);
        if (groups.isEmpty()) {
            throw new KbenchException(KbenchException.Kind.BAD_INPUT, "no boot in the log succeeded: nothing to summarise");
        }
        files.add(Files.writeString(sibling(base, ".boot-summary.csv"), BootSummary.csv(groups)));
        files.add(Files.writeString(sibling(base, ".boot-summary.md"), BootSummary.markdown(groups)));
        files.add(BootPlots.stackedPhases(groups, sibling(base, ".boot-phases.png")));
        files.add(BootPlots.compareKernels(groups, "to_ready", "QEMU start to guest agent ready", sibling(base, ".boot-ready.png")));
        List<BootSummary.Group> counted = BootSummary.instructions(boots);
        if (!counted.isEmpty()) {
            files.add(Files.writeString(sibling(base, ".boot-instructions.csv"), BootSummary.instructionsCsv(counted)));
            files.add(Files.writeString(sibling(base, ".boot-instructions.md"), BootSummary.instructionsMarkdown(counted)));
            files.add(BootPlots.stackedInstructions(counted, sibling(base, ".boot-instructions.png")));
        }
        return files;
    }

    /** The suite's fields first, under its names, then kbench's own and the boot's identity. */
    static Map<String, Object> suiteObject(BootRecord boot) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (String field : BootPhases.SUITE) {
            Double value = boot.phases().get(field);
            if (value != null) {
                object.put(field, Math.round(value));
            }
        }
        for (String field : BootPhases.KBENCH) {
            Double value = boot.phases().get(field);
            if (value != null) {
                object.put(field, Math.round(value));
            }
        }
        object.put("host_ready", Math.round(boot.hostReadyMicros()));
        // the suite's fields are microseconds; counted phases keep their unit in their names
        boot.instructions().forEach((field, count) -> object.put(field + "_instructions", count));
        object.put("kernel", boot.kernel());
        object.putAll(boot.setting());
        object.put("boot", boot.boot());
        return object;
    }

    private static Path sibling(Path base, String suffix) {
        return base.resolveSibling(base.getFileName() + suffix);
    }
}
