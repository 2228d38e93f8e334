package dev.kbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.ExitStatus;
import dev.kbench.KbenchException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What ends a command: a line and the exit status of its kind, the same for every command. */
class CommandFailureTest extends InProcessCliTest {

    @Test
    void aKbenchExceptionsKindDecidesItsStatus() {
        for (KbenchException.Kind kind : KbenchException.Kind.values()) {
            CommandFailure failure = CommandFailure.of(new KbenchException(kind, "what happened: what to do"));
            assertEquals(kind.exitStatus(), failure.status());
            assertEquals("what happened: what to do", failure.line());
            assertFalse(failure.bug());
        }
        Set<ExitStatus> byKind = Arrays.stream(KbenchException.Kind.values()).map(KbenchException.Kind::exitStatus).collect(Collectors.toSet());
        assertEquals(KbenchException.Kind.values().length, byKind.size(), "each kind its own status");
    }

    @Test
    void theHostsFileErrorsNameTheFile() {
        CommandFailure missing = CommandFailure.of(new NoSuchFileException("/results/x.csv"));
        assertEquals(ExitStatus.BAD_INPUT, missing.status());
        assertEquals("cannot use /results/x.csv: no such file or folder: check the path", missing.line());
        CommandFailure denied = CommandFailure.of(new AccessDeniedException("/results"));
        assertEquals(ExitStatus.HOST, denied.status());
        assertEquals("cannot use /results: permission denied: check its owner and mode, or give another path", denied.line());
        CommandFailure full = CommandFailure.of(new FileSystemException("/results/x.csv", null, "No space left on device"));
        assertEquals(ExitStatus.HOST, full.status());
        assertEquals("cannot use /results/x.csv: No space left on device", full.line());
        assertEquals(ExitStatus.HOST, CommandFailure.of(new IOException("sbatch failed")).status());
    }

    @Test
    void anythingElseIsABug() {
        CommandFailure bug = CommandFailure.of(new NullPointerException("x"));
        assertEquals(ExitStatus.BUG, bug.status());
        assertTrue(bug.bug());
        assertEquals(ExitStatus.BAD_INPUT, CommandFailure.of(new IllegalArgumentException("--boots must be 1 or more")).status());
    }

    @Test
    void noStatusIsGitBisectsSkipOrASignals() {
        for (ExitStatus status : ExitStatus.values()) {
            assertTrue(status.code() >= 0 && status.code() < 128, status.name());
            assertTrue(status == ExitStatus.BISECT_SKIP || status.code() != 125, status.name());
        }
        assertEquals(ExitStatus.values().length, Arrays.stream(ExitStatus.values()).map(ExitStatus::code).distinct().count());
    }

    @Test
    void anOutputThatCannotBeWrittenIsOneLineNamingIt() throws Exception {
        Path json = Path.of(getClass().getResource("/results/jmh-workload.json").toURI());
        Path file = Files.writeString(tmp.resolve("a-file"), "");
        Path out = file.resolve("x.csv");
        Outcome o = execute("csv", json.toString(), "-o", out.toString());
        assertOneLineError(o, ExitStatus.HOST, "cannot use " + out + ": Not a directory");
    }
}
