package dev.kbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.Settings;
import dev.kbench.guest.Workload;
import dev.kbench.plan.GuestSettings;
import dev.kbench.results.KernelRounds;
import dev.kbench.vm.Accel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The line a precision stop prints: an icount interval of a few thousandths of a percent is not ±0.00 %. */
class PrecisionStopTest {

    @TempDir
    Path tmp;

    @Test
    void anIcountIntervalPrintsItsDigits() throws Exception {
        GuestSettings guest = GuestSettings.from(Settings.of(Map.of("KBENCH_CACHE", tmp.toString()), "/home/u"));
        Experiment experiment = Experiment.builder(guest).kernels(List.of("a", "b")).workloads(List.of(new Workload.BuiltIn("getppid")))
                .rounds(3).runs(1).warmups(0).accel(Accel.ICOUNT).precision(Optional.of(0.01)).out(tmp.resolve("out/x.csv")).build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrecisionStop stop = new PrecisionStop(experiment, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        // round means a few parts per million apart, as under icount
        KernelRounds a = new KernelRounds("a", List.of(List.of(100_000_000L), List.of(100_000_400L), List.of(99_999_700L)));
        KernelRounds b = new KernelRounds("b", List.of(List.of(100_003_000L), List.of(100_002_500L), List.of(100_003_600L)));
        assertTrue(stop.reached(Map.of("getppid", List.of(a, b)), 3));
        String line = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(line.matches("kbench: precision reached after 3 rounds: every comparison's 95% CI within ±0\\.00[1-9][0-9] %"
                + " \\(asked ±0\\.01 %\\)\\n"), line);
        assertEquals(1, line.lines().count());
    }
}
