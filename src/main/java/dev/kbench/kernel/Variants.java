package dev.kbench.kernel;

import dev.kbench.KbenchException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named kernel variants: {@code name = KERNEL [ARGS...]}, KERNEL being {@code default} or a
 * path and ARGS extra kernel command-line arguments. They exist because JMH splits {@code -p}
 * values on commas and {@code lsm=} lists contain commas: a variant is defined once and
 * referred to by its name everywhere. This is the one reader and writer of their file format.
 */
public record Variants(Map<String, String> definitions) {

    public static final Variants NONE = new Variants(Map.of());

    public Variants {
        definitions = Collections.unmodifiableMap(new LinkedHashMap<>(definitions));
    }

    public static Variants read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new KbenchException(KbenchException.Kind.BAD_INPUT, "kernel variants file not found: " + file);
        }
        return parse(Files.readString(file), file.toString());
    }

    /** @param source how errors name the text: a file name, or the option it came from */
    public static Variants parse(String text, String source) throws IOException {
        Map<String, String> variants = new LinkedHashMap<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int equals = line.indexOf('=');
            if (equals <= 0 || line.substring(equals + 1).isBlank()) {
                throw new KbenchException(KbenchException.Kind.BAD_INPUT, source + ":" + (i + 1) + ": expected 'name = KERNEL [ARGS...]', got: " + line);
            }
            String name = line.substring(0, equals).strip();
            if (!name.matches("[A-Za-z0-9_.+-]+")) {
                throw new KbenchException(KbenchException.Kind.BAD_INPUT, source + ":" + (i + 1) + ": a variant name may hold letters, digits and _.+- only: " + name);
            }
            variants.put(name, line.substring(equals + 1).strip());
        }
        return new Variants(variants);
    }

    /** Variants written in kbench's own code, where a malformed line is a bug, not bad input. */
    public static Variants of(String text) {
        try {
            return parse(text, "kbench's built-in variants");
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** These variants, then {@code more}: a name defined in both takes {@code more}'s definition. */
    public Variants and(Variants more) {
        Map<String, String> all = new LinkedHashMap<>(definitions);
        all.putAll(more.definitions);
        return new Variants(all);
    }

    public List<String> names() {
        return List.copyOf(definitions.keySet());
    }

    /** The file format, with {@code comment} as its first line. */
    public String format(String comment) {
        StringBuilder text = new StringBuilder("# ").append(comment).append('\n');
        definitions.forEach((name, kernel) -> text.append(name).append(" = ").append(kernel).append('\n'));
        return text.toString();
    }
}
