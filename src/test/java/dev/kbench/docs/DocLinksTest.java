package dev.kbench.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The pages link to each other by relative paths, and sections move between them: every
 * relative link of README.md and docs/*.md must name a file that exists and, with a
 * {@code #fragment} into a page, a heading that page has (GitHub's anchor of it). The front
 * page also keeps its lines to 100 characters.
 */
class DocLinksTest {

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#+\\s+(.*)$", Pattern.MULTILINE);
    private static final Pattern FENCED = Pattern.compile("^\\s*```.*?^\\s*```", Pattern.MULTILINE | Pattern.DOTALL);

    @Test
    void everyRelativeLinkResolves() throws IOException {
        Path repository = DocPages.repository();
        List<String> broken = new ArrayList<>();
        for (Path page : DocPages.pages(repository)) {
            broken.addAll(brokenLinks(repository, page));
        }
        assertEquals(List.of(), broken, "links to files or headings that do not exist");
    }

    @Test
    void aMissingFileOrHeadingIsFound(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("docs"));
        Files.writeString(dir.resolve("docs/run.md"), "# Run\n\n## The demo: `kbench demo`\n");
        Files.writeString(dir.resolve("README.md"), String.join("\n",
                "[fine](docs/run.md#the-demo-kbench-demo) [gone](docs/gone.md) [web](https://example.org/x)",
                "[no such heading](docs/run.md#the-demo) [self](#nowhere)",
                "```", "[in a code block](docs/also-gone.md)", "```", ""));
        assertEquals(List.of("README.md: docs/gone.md", "README.md: docs/run.md#the-demo", "README.md: #nowhere"),
                brokenLinks(dir, Path.of("README.md")));
    }

    @Test
    void anchorsAreGitHubs() {
        assertEquals("the-demo-kbench-demo", anchor("The demo: `kbench demo`"));
        assertEquals("suites-many-workloads-on-one-boot", anchor("Suites: many workloads on one boot"));
        assertEquals("--jobs-on-this-2-core-machine", anchor("`--jobs` on this 2-core machine"));
    }

    @Test
    void theFrontPageFitsAHundredColumns() throws IOException {
        List<String> lines = Files.readAllLines(DocPages.repository().resolve("README.md"));
        List<String> wide = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).length() > 100) {
                wide.add("README.md:" + (i + 1) + " (" + lines.get(i).length() + ")");
            }
        }
        assertEquals(List.of(), wide, "README.md lines over 100 characters");
    }

    private static List<String> brokenLinks(Path repository, Path page) throws IOException {
        Path file = repository.resolve(page);
        String text = FENCED.matcher(Files.readString(file)).replaceAll("");
        List<String> broken = new ArrayList<>();
        Matcher link = LINK.matcher(text);
        while (link.find()) {
            String target = link.group(1);
            if (target.matches("^[a-z]+:.*")) {
                continue; // https:, mailto: ...
            }
            int hash = target.indexOf('#');
            String path = hash < 0 ? target : target.substring(0, hash);
            Path linked = path.isEmpty() ? file : file.getParent().resolve(path).normalize();
            boolean ok = Files.exists(linked);
            if (ok && hash >= 0 && linked.toString().endsWith(".md")) {
                ok = anchors(linked).contains(target.substring(hash + 1));
            }
            if (!ok) {
                broken.add(page + ": " + target);
            }
        }
        return broken;
    }

    private static Set<String> anchors(Path page) throws IOException {
        String text = FENCED.matcher(Files.readString(page)).replaceAll("");
        return HEADING.matcher(text).results().map(m -> anchor(m.group(1))).collect(Collectors.toSet());
    }

    /** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens. */
    static String anchor(String heading) {
        return heading.strip().toLowerCase(java.util.Locale.ROOT).replaceAll("[^\\p{L}\\p{N}_\\- ]", "").replace(' ', '-');
    }
}
