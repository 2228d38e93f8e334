package dev.kbench.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kbench.Settings;
import dev.kbench.plan.GuestSettings;
import dev.kbench.plan.RoundSlot;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForkHandOffTest {

    @TempDir
    Path tmp;

    @Test
    void theForksGetOneFileAndTheirRoundAndTheFileHoldsTheSettings() throws Exception {
        GuestSettings settings = GuestSettings.from(Settings.of(Map.of("KBENCH_CACHE", tmp.toString()), "/home/u"))
                .withRunLog(tmp.resolve("out.runs.jsonl"));
        Path file = tmp.resolve("out/lsm-perf.settings.properties");
        List<String> args = new ForkHandOff(settings, file, Optional.of(new RoundSlot(3, 1))).jvmArgs();
        assertEquals(List.of("-Dkbench.settings=" + file, "-Dkbench.round=3:1"), args);
        Properties written = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            written.load(in);
        }
        assertEquals(settings, GuestSettings.fromProperties(written));
        assertEquals(List.of("-Dkbench.settings=" + file), new ForkHandOff(settings, file, Optional.empty()).jvmArgs());
    }
}
