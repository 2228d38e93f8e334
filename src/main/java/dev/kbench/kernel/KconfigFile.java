package dev.kbench.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A kernel {@code .config} as symbol to value ({@code y}, {@code 4}, {@code "text"}; {@code n}
 * for "is not set"): read, changed and written back, and compared with what was asked for after
 * {@code make olddefconfig} has had its say.
 */
public final class KconfigFile {

    private static final Pattern SET = Pattern.compile("^CONFIG_([A-Za-z0-9_]+)=(.*)$");
    private static final Pattern UNSET = Pattern.compile("^# CONFIG_([A-Za-z0-9_]+) is not set$");

    private final Map<String, String> values;

    private KconfigFile(Map<String, String> values) {
        this.values = values;
    }

    public static KconfigFile parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : text.split("\r?\n")) {
            Matcher set = SET.matcher(line.strip());
            Matcher unset = UNSET.matcher(line.strip());
            if (set.matches()) {
                values.put(set.group(1), set.group(2));
            } else if (unset.matches()) {
                values.put(unset.group(1), "n");
            }
        }
        return new KconfigFile(values);
    }

    public static KconfigFile read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** The value of {@code CONFIG_symbol}; absent symbols are "n" as Kconfig reads them. */
    public String get(String symbol) {
        return values.getOrDefault(symbol, "n");
    }

    public Optional<String> find(String symbol) {
        return Optional.ofNullable(values.get(symbol));
    }

    public boolean enabled(String symbol) {
        String value = get(symbol);
        return value.equals("y") || value.equals("m");
    }

    public Map<String, String> values() {
        return Map.copyOf(values);
    }

    /** This file with {@code changes} laid over it (later ones win). */
    public KconfigFile with(Map<String, String> changes) {
        Map<String, String> merged = new LinkedHashMap<>(values);
        merged.putAll(changes);
        return new KconfigFile(merged);
    }

    /** The symbols of {@code wanted} that this file does not have as asked, each as "CONFIG_X=want (got)". */
    public List<String> unmet(Map<String, String> wanted) {
        List<String> unmet = new ArrayList<>();
        wanted.forEach((symbol, value) -> {
            if (!get(symbol).equals(value)) {
                unmet.add("CONFIG_" + symbol + "=" + value + " (is " + get(symbol) + ")");
            }
        });
        return unmet;
    }

    public String text() {
        StringBuilder out = new StringBuilder();
        values.forEach((symbol, value) -> out.append(value.equals("n") ? "# CONFIG_" + symbol + " is not set" : "CONFIG_" + symbol + "=" + value)
                .append('\n'));
        return out.toString();
    }

    public void write(Path file) throws IOException {
        Files.writeString(file, text(), StandardCharsets.UTF_8);
    }
}
