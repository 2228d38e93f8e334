package dev.kbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.vm.Accel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code kbench demo}'s options, in process. Every demo that parses fetches the default kernel
 * and boots it, so only what the command line refuses is executed here; the rest is parsed.
 */
class DemoCommandOptionsTest extends InProcessCliTest {

    @Test
    void helpShowsTheDemosOwnDefaults() {
        assertExperimentDefaultsShown(help("demo"), 5, 10, 2, "kbench-demo");
    }

    @Test
    void defaultsReachTheOptions() {
        assertExperiment(parse(DemoCommand.class, "demo").options, 5, 10, 2, Accel.AUTO, "kbench-demo");
    }

    @Test
    void optionsAreParsedIntoValues() {
        DemoCommand demo = parse(DemoCommand.class, "demo", "--rounds", "1", "--runs", "2", "--warmups", "3", "--accel", "tcg", "-o", "out");
        assertExperiment(demo.options, 1, 2, 3, Accel.TCG, "out");
    }

    @Test
    void badValuesAreUsageErrorsNamingTheOption() {
        assertUsageError(execute("demo", "--accel", "warp"), "demo",
                "Invalid value for option '--accel': unknown accelerator 'warp': use auto, kvm, tcg or icount");
        assertUsageError(execute("demo", "--runs", "ten"), "demo", "Invalid value for option '--runs': 'ten' is not an int");
        assertUsageError(execute("demo", "--warmups"), "demo", "Missing required parameter for option '--warmups' (N)");
    }

    @Test
    void countsOutOfRangeAreOneLineBeforeTheKernelIsFetched() {
        Path out = tmp.resolve("demo");
        assertOneLineError(execute("demo", "--rounds", "0", "-o", out.toString()), "--rounds and --runs must be at least 1, --warmups at least 0");
        assertEquals("", execute("demo", "--warmups", "-1", "-o", out.toString()).out(), "no kernel announced");
        assertTrue(Files.notExists(out), "no output folder made");
    }

    @Test
    void itTakesNoKernelsOrWorkloads() {
        assertUsageError(execute("demo", "-k", "x"), "demo", "Unknown options: '-k', 'x'");
        assertEquals(2, execute("demo", "extra").status());
    }

    @Test
    void jobsAreTheSameAsLsmCosts() {
        assertEquals(null, parse(DemoCommand.class, "demo").jobs.jobs, "--jobs follows the accelerator");
        assertEquals(2, JobsOption.byDefault(parse(DemoCommand.class, "demo", "--accel", "icount").options, 2));
        assertEquals(1, JobsOption.byDefault(parse(DemoCommand.class, "demo", "--accel", "tcg").options, 2));
        assertUsageError(execute("demo", "--jobs", "6"), "demo",
                "--jobs 6: the experiment has 5 rounds, fewer than 6 shards: give --rounds 6 or more, or fewer shards");
    }
}
