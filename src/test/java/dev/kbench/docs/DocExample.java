package dev.kbench.docs;

import java.nio.file.Path;
import java.util.List;

/**
 * A fenced block of a page in {@code README.md} or {@code docs/}, with what its marker says of it.
 *
 * @param page the page, relative to the repository
 * @param line the line of the opening fence (1-based)
 * @param language the fence's info string ({@code sh}, or empty)
 * @param body the block's lines, as a reader copies them
 * @param marker the {@code <!-- example: ... -->} comment just above the fence, if any
 */
public record DocExample(Path page, int line, String language, List<String> body, ExampleMarker marker) {

    /** Commands a reader would type: what every such block must say whether a test runs it. */
    private static final List<String> COMMAND_STARTS = List.of("./kbench", "kbench ", "$ ", "java -jar", "mvn ", "benchmarks/", "kubectl ",
            "for ", "K=", "V=", "cp ", "time ");

    public boolean isShell() {
        if (List.of("sh", "bash", "shell", "console").contains(language)) {
            return true;
        }
        if (!language.isEmpty()) {
            return false; // python, yaml, text, ...: not typed at a shell
        }
        return body.stream().map(String::strip).anyMatch(l -> COMMAND_STARTS.stream().anyMatch(l::startsWith));
    }

    /** Where the block is, as an editor opens it: {@code README.md:162}. */
    public String where() {
        return page + ":" + line;
    }

    /**
     * What a reader types: the whole block, or in a block of a session ({@code $ } before each
     * command, the output below it) the commands alone, with their continuation lines.
     */
    public String script() {
        if (body.stream().noneMatch(l -> l.startsWith("$ "))) {
            return String.join("\n", body) + "\n";
        }
        StringBuilder commands = new StringBuilder();
        boolean continued = false;
        for (String line : body) {
            if (line.startsWith("$ ") || continued) {
                commands.append(line.startsWith("$ ") ? line.substring(2) : line).append('\n');
                continued = line.endsWith("\\");
            }
        }
        return commands.toString();
    }
}
