package dev.kbench.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kbench.Settings;
import dev.kbench.plan.GuestSettings;
import dev.kbench.plan.RoundSlot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForkHandOffTest {

    @TempDir
    Path tmp;

    private GuestSettings settings() throws Exception {
        return GuestSettings.from(Settings.of(Map.of("KBENCH_CACHE", tmp.toString()), "/home/u")).withRunLog(tmp.resolve("out.runs.jsonl"));
    }

    @Test
    void aForkGetsOneArgumentNamingItsPlanAndThePlanReadsBackWhole() throws Exception {
        ObjectNode fields = JsonNodeFactory.instance.objectNode().put("image", "/images/guest.qcow2");
        ForkPlan plan = ForkPlan.of(settings()).slot(new RoundSlot(3, 1)).benchmark(fields);
        Path file = tmp.resolve("out/lsm-perf.forks/round-3-position-1.plan.json");
        assertEquals(List.of("-Dkbench.plan=" + file), new ForkHandOff(plan, file).jvmArgs());
        ForkPlan back = ForkPlan.fromJson(Files.readAllBytes(file));
        assertEquals(plan.settings(), back.settings());
        assertEquals(Optional.of(new RoundSlot(3, 1)), back.slot());
        assertEquals("/images/guest.qcow2", back.benchmark().path("image").asText());
        assertFalse(Files.exists(file.resolveSibling(file.getFileName() + ".partial")), "written aside, then renamed");
    }

    @Test
    void aPlanWithoutARoundOrBenchmarkFieldsReadsBackAsTheDefaults() throws Exception {
        Path file = tmp.resolve("boot.plan.json");
        new ForkHandOff(ForkPlan.of(settings()), file).jvmArgs();
        ForkPlan back = ForkPlan.fromJson(Files.readAllBytes(file));
        assertEquals(Optional.empty(), back.slot());
        assertEquals(0, back.benchmark().size());
    }

    @Test
    void aRoundsPlanAndAnOldForksRoundAreOneForksAloneTheOldSettingsFileIsShared() {
        assertTrue(ForkHandOff.perFork("-Dkbench.plan=/out/x.forks/round-0-position-1.plan.json"));
        assertTrue(ForkHandOff.perFork("-Dkbench.round=0:1"), "a fork kept by an older kbench");
        assertFalse(ForkHandOff.perFork("-Dkbench.settings=/out/x.settings.properties"));
        assertFalse(ForkHandOff.perFork("-XX:+UseSerialGC"));
    }
}
