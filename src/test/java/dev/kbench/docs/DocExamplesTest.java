package dev.kbench.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every shell example in README.md and docs/ says whether a test runs it as written
 * ({@code DocExamplesIT}) or why it is only illustrative; one that says neither fails here,
 * before any VM boots.
 */
class DocExamplesTest {

    @Test
    void everyShellExampleIsRunByATestOrSaysWhyNot() throws Exception {
        List<String> unmarked = DocPages.examples(DocPages.repository()).stream()
                .filter(DocExample::isShell).filter(e -> e.marker().kind() == ExampleMarker.Kind.NONE)
                .map(e -> e.where() + " " + e.body().get(0)).toList();
        assertEquals(List.of(), unmarked, "put '<!-- example: run ... -->' (DocExamplesIT runs it) or "
                + "'<!-- example: illustrative: WHY -->' right above each of these blocks");
    }

    @Test
    void aRunExampleChecksWhatItsPageSaysItShows() throws Exception {
        List<DocExample> run = DocPages.examples(DocPages.repository()).stream().filter(e -> e.marker().kind() == ExampleMarker.Kind.RUN).toList();
        assertTrue(run.size() >= 5, "the README's main commands are run: " + run.size());
        for (DocExample example : run) {
            assertTrue(!example.marker().expect().isEmpty() || !example.marker().files().isEmpty(),
                    example.where() + ": say what its output shows (expect:) or what it writes (files:)");
        }
    }

    @Test
    void markersAreReadAsWritten() {
        List<DocExample> examples = DocPages.examples(Path.of("page.md"), List.of(
                "text",
                "<!-- example: run",
                "setup: mkdir old",
                "expect: (slower|same)",
                "expect: eventfd",
                "files: a.csv b.json",
                "minutes: 3",
                "-->",
                "```sh",
                "./kbench run -k old",
                "```",
                "<!-- example: illustrative: needs KVM -->",
                "```",
                "./kbench run --accel kvm",
                "```",
                "<!-- example: illustrative: not this block's -->",
                "words between",
                "```sh",
                "./kbench demo",
                "```"));
        assertEquals(3, examples.size());
        ExampleMarker run = examples.get(0).marker();
        assertEquals(new ExampleMarker(ExampleMarker.Kind.RUN, "", List.of("mkdir old"), List.of("(slower|same)", "eventfd"),
                List.of("a.csv", "b.json"), 3), run);
        assertEquals("page.md:9", examples.get(0).where());
        assertEquals(List.of("./kbench run -k old"), examples.get(0).body());
        assertEquals(new ExampleMarker(ExampleMarker.Kind.ILLUSTRATIVE, "needs KVM", List.of(), List.of(), List.of(), 0), examples.get(1).marker());
        assertEquals(ExampleMarker.Kind.NONE, examples.get(2).marker().kind(), "a marker with words after it belongs to no block");
        assertTrue(examples.stream().allMatch(DocExample::isShell));
    }

    @Test
    void aSessionRunsItsCommandsNotItsOutput() {
        DocExample session = DocPages.examples(Path.of("p.md"), List.of("```", "$ ./kbench run -k a b \\", "      -w getppid",
                "Starting round 0", "kernel  rounds", "$ ls", "out.csv", "```")).get(0);
        assertEquals("./kbench run -k a b \\\n      -w getppid\nls\n", session.script());
        assertTrue(session.isShell());
    }

    @Test
    void aMisspelledMarkerIsAnErrorNotASilentSkip() {
        assertThrows(IllegalArgumentException.class, () -> DocPages.examples(Path.of("p.md"),
                List.of("<!-- example: runs -->", "```sh", "./kbench demo", "```")));
        assertThrows(IllegalArgumentException.class, () -> DocPages.examples(Path.of("p.md"),
                List.of("<!-- example: run", "expects: x", "-->", "```sh", "./kbench demo", "```")));
    }
}
