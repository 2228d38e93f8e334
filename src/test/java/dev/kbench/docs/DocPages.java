package dev.kbench.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The pages a user reads (README.md and docs/*.md) and their fenced blocks. */
public final class DocPages {

    private static final Pattern FENCE = Pattern.compile("^(\\s*)```\\s*([\\w-]*)\\s*$");

    private DocPages() {
    }

    /** The repository the tests run in: Maven runs them from its root. */
    public static Path repository() {
        return Path.of("").toAbsolutePath();
    }

    static List<Path> pages(Path repository) throws IOException {
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.list(repository.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().map(repository::relativize).forEach(pages::add);
        }
        return pages;
    }

    public static List<DocExample> examples(Path repository) throws IOException {
        List<DocExample> examples = new ArrayList<>();
        for (Path page : pages(repository)) {
            examples.addAll(examples(page, Files.readAllLines(repository.resolve(page))));
        }
        return examples;
    }

    static List<DocExample> examples(Path page, List<String> lines) {
        List<DocExample> examples = new ArrayList<>();
        StringBuilder between = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            Matcher open = FENCE.matcher(lines.get(i));
            if (!open.matches()) {
                between.append(lines.get(i)).append('\n');
                continue;
            }
            String indent = open.group(1);
            int close = i + 1;
            while (close < lines.size() && !lines.get(close).strip().equals("```")) {
                close++;
            }
            List<String> body = lines.subList(i + 1, Math.min(close, lines.size())).stream()
                    .map(l -> l.startsWith(indent) ? l.substring(indent.length()) : l).toList();
            ExampleMarker marker;
            try {
                marker = ExampleMarker.parse(between.toString());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(page + ":" + (i + 1) + ": " + e.getMessage(), e);
            }
            examples.add(new DocExample(page, i + 1, open.group(2), List.copyOf(body), marker));
            between.setLength(0);
            i = close;
        }
        return examples;
    }
}
