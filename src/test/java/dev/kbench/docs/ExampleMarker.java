package dev.kbench.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the comment above a fenced block says of it. Either the block is run by
 * {@code DocExamplesIT} as written:
 *
 * <pre>
 * &lt;!-- example: run
 * setup: mkdir -p old &amp;&amp; cp "$KERNEL" old/bzImage      (shell, before the block, unseen on the page)
 * expect: (slower|faster|same)                        (a regular expression the output must contain; repeatable)
 * files: out.csv out.json                              (what the block must leave in its folder)
 * minutes: 4                                           (the time it may take; 5 by default)
 * --&gt;
 * </pre>
 *
 * or it is not, and says why: {@code <!-- example: illustrative: 45 min under TCG -->}.
 */
public record ExampleMarker(Kind kind, String reason, List<String> setup, List<String> expect, List<String> files, int minutes) {

    public enum Kind { RUN, ILLUSTRATIVE, NONE }

    static final ExampleMarker NONE = new ExampleMarker(Kind.NONE, "", List.of(), List.of(), List.of(), 0);

    private static final String OPEN = "<!-- example:";
    private static final int DEFAULT_MINUTES = 5;

    /** The marker in {@code comment}, the text between the end of the previous block and the fence; NONE without one. */
    static ExampleMarker parse(String comment) {
        int start = comment.lastIndexOf(OPEN);
        if (start < 0) {
            return NONE;
        }
        int end = comment.indexOf("-->", start);
        if (end < 0 || !comment.substring(end + 3).isBlank()) {
            return NONE;
        }
        List<String> lines = comment.substring(start + OPEN.length(), end).strip().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        String head = lines.isEmpty() ? "" : lines.get(0);
        if (head.startsWith("illustrative:")) {
            return new ExampleMarker(Kind.ILLUSTRATIVE, head.substring("illustrative:".length()).strip(), List.of(), List.of(), List.of(), 0);
        }
        if (!head.equals("run")) {
            throw new IllegalArgumentException("an example marker starts with 'run' or 'illustrative: REASON', not: " + head);
        }
        List<String> setup = new ArrayList<>();
        List<String> expect = new ArrayList<>();
        List<String> files = new ArrayList<>();
        int minutes = DEFAULT_MINUTES;
        for (String line : lines.subList(1, lines.size())) {
            int colon = line.indexOf(':');
            String key = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1).strip();
            switch (key) {
                case "setup" -> setup.add(value);
                case "expect" -> expect.add(value);
                case "files" -> files.addAll(List.of(value.split("\\s+")));
                case "minutes" -> minutes = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown field '" + key + "' in an example marker (setup, expect, files, minutes)");
            }
        }
        return new ExampleMarker(Kind.RUN, "", List.copyOf(setup), List.copyOf(expect), List.copyOf(files), minutes);
    }

    public Optional<String> setupScript() {
        return setup.isEmpty() ? Optional.empty() : Optional.of(String.join("\n", setup) + "\n");
    }
}
