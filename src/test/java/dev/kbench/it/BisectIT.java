package dev.kbench.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeroturnaround.exec.ProcessExecutor;
import org.zeroturnaround.exec.StartedProcess;

/**
 * {@code kbench bisect} on a real Linux repository (LinuxFixture: Debian's linux-source-6.1 and
 * ranges of commits on it), real kernel builds ({@code small}, ccache when installed) and real
 * VMs under icount: it must name the commit that made getppid costlier, skip the one that does not
 * build, and end a change spread over two commits with both and their shares; the user's checkout
 * is left as it was. A bisection killed mid-step resumes where it was cut, and {@code
 * kbench bisect-step} answers {@code git bisect run} with git's exit statuses.
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
    void namesTheCulpritAndSkipsTheCommitThatDoesNotBuildAcrossAKill() throws Exception {
        String head = LinuxFixture.git(fixture, "rev-parse", "HEAD");
        String culprit = LinuxFixture.commit(fixture, "single-culprit");
        String broken = LinuxFixture.commit(fixture, "single-broken");
        // killed outright (kbench and everything below it, as a crash or the OOM killer would) while
        // step 3 measures: git proposes the broken commit, its fix, then the culprit
        List<String> killed = new ArrayList<>();
        StartedProcess first = KbenchProcess.command(dir, killed, bisectArguments("single-bad")).timeout(120, TimeUnit.MINUTES).start();
        ProcessHandle handle = first.getProcess().toHandle();
        long deadline = System.nanoTime() + Duration.ofMinutes(120).toNanos();
        while (handle.isAlive() && System.nanoTime() < deadline && !measuringStep3(killed)) {
            Thread.sleep(200);
        }
        assertTrue(handle.isAlive() && measuringStep3(killed), "step 3 did not start measuring while kbench ran: " + String.join("\n", killed));
        List<ProcessHandle> tree = new ArrayList<>(handle.descendants().toList());
        tree.add(handle);
        tree.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle process : tree) {
            process.onExit().get(30, TimeUnit.SECONDS);
        }
        JsonNode before = new ObjectMapper().readTree(dir.resolve("out/bisect.json").toFile());
        assertEquals(2, before.get("steps").size(), "steps 1 and 2 kept when killed: " + before.get("steps"));
        assertEquals(0, before.get("findings").size(), before.toString());

        List<String> lines = new ArrayList<>();
        int status = KbenchProcess.command(dir, lines, "bisect", "--resume", "out").timeout(60, TimeUnit.MINUTES).execute().getExitValue();
        assertEquals(0, status, String.join("\n", lines));
        assertEquals(2, lines.stream().filter(l -> l.contains("(kept from the run before)")).count(), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("kbench bisect: step 3: built before; measuring it beside")),
                "the step that was cut is measured again from its first round: " + String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("kbench bisect: first bad commit: " + culprit + " getppid: spin a little")),
                String.join("\n", lines));
        assertTrue(killed.stream().anyMatch(l -> l.contains(broken.substring(0, 12) + " does not build: skipped")), String.join("\n", killed));
        assertTrue(killed.stream().anyMatch(l -> l.startsWith("    | ") && l.contains("kernel/fork.c")), "the broken build's log tail: "
                + String.join("\n", killed));
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
        assertEquals(3, steps.size(), "no step twice after the kill: " + record.get("steps"));
        // resumed when it had ended: every step and the confirmation kept, nothing built or measured again, the same answer
        List<String> resumed = new ArrayList<>();
        int again = KbenchProcess.command(dir, resumed, "bisect", "--resume", "out").timeout(30, TimeUnit.MINUTES).execute().getExitValue();
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
     * {@code git bisect run} driven by {@code kbench bisect-step} as docs/bisect.md writes it, in a
     * checkout of the fixture of the test's own (kept in the cache beside the fixture, so that its
     * build folder stays from one run to the next): git reads 125 for the commit that does not
     * build, 0 for its fix and 1 for the culprit, and names the culprit.
     */
    @Test
    void bisectStepAnswersGitBisectRun() throws Exception {
        Path checkout = fixture.resolveSibling("bisect-step-checkout");
        if (!Files.isDirectory(checkout.resolve(".git"))) {
            LinuxFixture.git(fixture, "clone", "-q", "--shared", fixture.toString(), checkout.toString());
        }
        LinuxFixture.git(checkout, "bisect", "reset");
        LinuxFixture.git(checkout, "checkout", "-q", "-f", "--detach", "base");
        LinuxFixture.git(checkout, "clean", "-q", "-f", "-d");
        LinuxFixture.git(checkout, "bisect", "start", "single-bad", "base");
        String kbench = String.join(" ", JmhRunner.javaBinary(), "-Djmh.ignoreLock=true", "-cp",
                JmhRunner.benchmarksJar().toAbsolutePath().toString(), "dev.kbench.cli.Kbench");
        String step = kbench + " bisect-step --good base --bad single-bad -w getppid --accel icount -o " + dir.resolve("step")
                + "; s=$?; [ $s -le 1 ] || [ $s -eq 125 ] || exit 255; exit $s";
        List<String> lines = new ArrayList<>();
        int status = JmhRunner.echoing(new ProcessExecutor("env", "--default-signal=INT,TERM,HUP", "git", "bisect", "run", "sh", "-c", step)
                .directory(checkout.toFile()), "[git bisect run] ", lines).timeout(60, TimeUnit.MINUTES).execute().getExitValue();
        String log = LinuxFixture.git(checkout, "bisect", "log");
        LinuxFixture.git(checkout, "bisect", "reset");
        assertEquals(0, status, String.join("\n", lines));
        String culprit = LinuxFixture.commit(fixture, "single-culprit");
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(culprit + " is the first bad commit")), String.join("\n", lines));
        assertTrue(log.contains("git bisect skip " + LinuxFixture.commit(fixture, "single-broken")), log);
        assertTrue(log.contains("git bisect good " + LinuxFixture.git(fixture, "rev-parse", "single-culprit~1")), "0 read as good: " + log);
        assertTrue(log.contains("git bisect bad " + culprit), "1 read as bad: " + log);
    }

    private static boolean measuringStep3(List<String> lines) {
        synchronized (lines) {
            return lines.stream().anyMatch(l -> l.startsWith("kbench bisect: step 3: ") && l.contains("measuring it beside"));
        }
    }

    /**
     * kbench bisect from the fixture's base to {@code bad} under icount into {@code out}. A fresh
     * machine builds its first kernel from nothing (minutes under load), hence the long limit.
     */
    private int bisect(List<String> lines, String bad) throws Exception {
        return KbenchProcess.command(dir, lines, bisectArguments(bad)).timeout(120, TimeUnit.MINUTES).execute().getExitValue();
    }

    private String[] bisectArguments(String bad) {
        return new String[] {"bisect", "--repo", fixture.toString(), "--good", "base", "--bad", bad, "-w", "getppid", "--accel", "icount",
            "-o", "out"};
    }
}
