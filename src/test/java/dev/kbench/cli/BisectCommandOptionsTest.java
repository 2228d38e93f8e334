package dev.kbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BisectCommandOptionsTest extends InProcessCliTest {

    @Test
    void theDefaultsAreGetppidIntoBisectUnderAuto() {
        BisectCommand bisect = parse(BisectCommand.class, "bisect", "--good", "a", "--bad", "b");
        assertEquals(java.util.List.of("getppid"), bisect.bisect.workloads.workloads);
        assertEquals(Path.of("bisect"), bisect.output.out);
        assertEquals("small", bisect.bisect.build.config);
        assertEquals(Path.of("."), bisect.bisect.range.repo);
        assertEquals(dev.kbench.vm.Accel.AUTO, bisect.bisect.accel.accel);
        assertTrue(describe(help("bisect"), "--resume").contains("bisection"), help("bisect"));
        assertTrue(describe(help("run"), "--resume").contains("experiment"), help("run"));
    }

    @Test
    void withoutGoodOrBadItIsAUsageErrorNamingBoth() {
        Outcome o = execute("bisect", "--bad", "b");
        assertEquals(2, o.status(), o.err());
        assertTrue(o.err().contains("needs --good REF and --bad REF"), o.err());
        Outcome step = execute("bisect-step", "--good", "a");
        assertEquals(2, step.status(), step.err());
        assertTrue(step.err().contains("needs --good REF and --bad REF"), step.err());
    }

    @Test
    void aRepositoryThatIsNotAGitCheckoutIsBadInputNamingIt() throws Exception {
        Path notGit = Files.createDirectories(tmp.resolve("linux"));
        Outcome o = execute("bisect", "--repo", notGit.toString(), "--good", "a", "--bad", "b", "-o", tmp.resolve("out").toString());
        assertEquals(2, o.status(), o.err());
        assertTrue(o.err().startsWith("kbench: error: " + notGit + " is not a git checkout"), o.err());
        assertEquals(1, o.err().strip().lines().count(), o.err());
    }

    @Test
    void resumeTakesNoOtherOptionAndNeedsABisectionThere() {
        Outcome o = execute("bisect", "--resume", tmp.toString(), "--good", "a");
        assertEquals(2, o.status(), o.err());
        assertTrue(o.err().contains("drop --good"), o.err());
        Outcome empty = execute("bisect", "--resume", tmp.toString());
        assertEquals(2, empty.status(), empty.err());
        assertTrue(empty.err().contains("nothing to resume in " + tmp), empty.err());
    }
}
