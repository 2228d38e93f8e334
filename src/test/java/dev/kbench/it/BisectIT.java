package dev.kbench.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kbench bisect} on a real Linux repository (LinuxFixture: Debian's linux-source-6.1 and
 * ranges of commits on it), real kernel builds ({@code small}, ccache when installed) and real
 * VMs under icount: it must name the commit that made getppid costlier, skip the one that does not
 * build, and end a change spread over two commits with both and their shares; the user's checkout
 * is left as it was.
 */
class BisectIT {

    private static Path fixture;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeFixture() throws Exception {
        fixture = LinuxFixture.repository();
    }

    @Test
    void namesTheCulpritAndSkipsTheCommitThatDoesNotBuild() throws Exception {
        String head = LinuxFixture.git(fixture, "rev-parse", "HEAD");
        List<String> lines = new ArrayList<>();
        int status = bisect(lines, "single-bad");
        assertEquals(0, status, String.join("\n", lines));
        String culprit = LinuxFixture.commit(fixture, "single-culprit");
        String broken = LinuxFixture.commit(fixture, "single-broken");
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("kbench bisect: first bad commit: " + culprit + " getppid: spin a little")),
                String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.contains(broken.substring(0, 12) + " does not build: skipped")), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("    | ") && l.contains("kernel/fork.c")), "the broken build's log tail: "
                + String.join("\n", lines));
        JsonNode record = new ObjectMapper().readTree(dir.resolve("out/bisect.json").toFile());
        JsonNode findings = record.get("findings");
        assertEquals(1, findings.size(), findings.toString());
        assertEquals(culprit, findings.get(0).get("commit").asText());
        JsonNode confirmation = findings.get(0).get("confirmations").get(0);
        assertEquals("slower", confirmation.get("commitAgainstParent").get("verdict").asText(), confirmation.toString());
        assertEquals("same", confirmation.get("parentAgainstGood").get("verdict").asText(), confirmation.toString());
        assertEquals("same", confirmation.get("commitAgainstBad").get("verdict").asText(), confirmation.toString());
        assertTrue(Math.abs(confirmation.get("share").asDouble() - 1) < 0.05, confirmation.toString());
        List<JsonNode> steps = StreamSupport.stream(record.get("steps").spliterator(), false).toList();
        assertTrue(steps.stream().anyMatch(s -> s.get("commit").asText().equals(broken) && s.get("call").asText().equals("skipped")),
                record.get("steps").toString());
        for (JsonNode step : steps) {
            if (!step.get("call").asText().equals("skipped")) {
                assertTrue(Files.isRegularFile(dir.resolve("out").resolve(step.get("folder").asText()).resolve("measure.csv")), step.toString());
            }
        }
        assertTrue(Files.readString(dir.resolve("out/git-bisect-1.log")).contains("git bisect skip " + broken));
        assertTrue(Files.size(dir.resolve("out/bisect-getppid.png")) > 10_000);
        assertTrue(Files.readString(dir.resolve("out/bisect.md")).contains("| skipped: does not build"));
        // resumed when it had ended: every step and the confirmation kept, nothing built or measured again, the same answer
        List<String> resumed = new ArrayList<>();
        int again = KbenchProcess.command(dir, resumed, "bisect", "--resume", "out").timeout(30, java.util.concurrent.TimeUnit.MINUTES)
                .execute().getExitValue();
        assertEquals(0, again, String.join("\n", resumed));
        assertEquals(steps.size(), resumed.stream().filter(l -> l.contains("(kept from the run before)")).count(), String.join("\n", resumed));
        assertTrue(resumed.stream().noneMatch(l -> l.contains("measuring") || l.startsWith("    Starting round")), String.join("\n", resumed));
        assertTrue(resumed.stream().anyMatch(l -> l.startsWith("kbench bisect: first bad commit: " + culprit)), String.join("\n", resumed));
        // the user's checkout: where it was, nothing changed, no worktree of kbench's
        assertEquals(head, LinuxFixture.git(fixture, "rev-parse", "HEAD"));
        assertEquals("", LinuxFixture.git(fixture, "status", "--porcelain"));
        assertEquals(1, LinuxFixture.git(fixture, "worktree", "list").lines().count());
    }

    @Test
    void aChangeSpreadOverTwoCommitsEndsWithBothAndTheirShares() throws Exception {
        List<String> lines = new ArrayList<>();
        int status = bisect(lines, "spread-bad");
        assertEquals(0, status, String.join("\n", lines));
        JsonNode record = new ObjectMapper().readTree(dir.resolve("out/bisect.json").toFile());
        JsonNode findings = record.get("findings");
        assertEquals(2, findings.size(), findings.toString());
        List<String> found = StreamSupport.stream(findings.spliterator(), false).map(f -> f.get("commit").asText()).sorted().toList();
        assertEquals(List.of(LinuxFixture.commit(fixture, "spread-1"), LinuxFixture.commit(fixture, "spread-2")).stream().sorted().toList(), found);
        double shares = 0;
        for (JsonNode finding : findings) {
            double share = finding.get("confirmations").get(0).get("share").asDouble();
            assertTrue(share > 0.2 && share < 0.8, finding.toString());
            shares += share;
        }
        assertTrue(Math.abs(shares - 1) < 0.05, "the two shares make the whole change: " + shares);
        assertTrue(StreamSupport.stream(record.get("steps").spliterator(), false).anyMatch(s -> s.get("call").asText().equals("neither")),
                record.get("steps").toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("kbench bisect: a first bad commit: ")), String.join("\n", lines));
    }

    /**
     * kbench bisect from the fixture's base to {@code bad} under icount into {@code out}. A fresh
     * machine builds its first kernel from nothing (minutes under load), hence the long limit.
     */
    private int bisect(List<String> lines, String bad) throws Exception {
        return KbenchProcess.command(dir, lines, "bisect", "--repo", fixture.toString(), "--good", "base", "--bad", bad, "-w", "getppid",
                "--accel", "icount", "-o", "out").timeout(120, java.util.concurrent.TimeUnit.MINUTES).execute().getExitValue();
    }
}
