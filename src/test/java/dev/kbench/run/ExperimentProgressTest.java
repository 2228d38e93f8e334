package dev.kbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.Settings;
import dev.kbench.guest.Workload;
import dev.kbench.plan.GuestSettings;
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

class ExperimentProgressTest {

    @TempDir
    Path tmp;

    @Test
    void roundsAddedForPrecisionPastThePlannedOnesHaveNoNegativeEta() throws Exception {
        GuestSettings guest = GuestSettings.from(Settings.of(Map.of("KBENCH_CACHE", tmp.toString()), "/home/u"));
        Experiment experiment = Experiment.builder(guest).kernels(List.of("good", "bad")).workloads(List.of(new Workload.BuiltIn("getppid")))
                .rounds(2).accel(Accel.TCG).precision(Optional.of(0.5)).maxRounds(Optional.of(30)).out(tmp.resolve("x.csv")).build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ExperimentProgress progress = new ExperimentProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, experiment, 0);
        for (int round = 0; round < 3; round++) {
            progress.startRound(round);
            for (String kernel : experiment.kernels()) {
                progress.startKernel(kernel);
                progress.endKernel();
            }
        }
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("Starting round")).toList();
        assertEquals("Starting round 0", lines.get(0));
        assertTrue(lines.get(1).startsWith("Starting round 1 (ETA "), lines.get(1));
        assertEquals("Starting round 2 (past the 2 planned rounds, adding rounds for precision, at most 30)", lines.get(2));
    }
}
