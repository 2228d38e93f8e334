package dev.kbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kbench.KbenchException;
import dev.kbench.Settings;
import dev.kbench.guest.Workload;
import dev.kbench.plan.GuestSettings;
import dev.kbench.vm.Accel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --scale} as the experiment file records it, so that a resume or a merge runs the counts that ran. */
class ExperimentFileScaleTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Experiment experiment(WorkloadScale scale) throws Exception {
        GuestSettings guest = GuestSettings.from(Settings.of(Map.of("KBENCH_CACHE", tmp.toString()), "/home/u"));
        Experiment experiment = Experiment.builder(guest).kernels(List.of("default"))
                .workloads(List.of(new Workload.BuiltIn("getppid"), new Workload.BuiltIn("fork"))).accel(Accel.ICOUNT).scale(scale)
                .out(tmp.resolve("out/x.csv")).build();
        Files.createDirectories(experiment.out().getParent());
        return experiment;
    }

    @Test
    void autoIsRecordedWithTheCountsItGaveAndReadBack() throws Exception {
        Experiment original = experiment(WorkloadScale.AUTO);
        ExperimentFile recorded = ExperimentFile.of(original, Accel.ICOUNT);
        assertEquals("auto", recorded.subject().scale());
        assertEquals(Map.of("getppid", 150_000L), recorded.subject().operations(), "fork runs its default count under icount too");
        recorded.write(ExperimentFile.beside(original));
        assertEquals(WorkloadScale.AUTO, ExperimentFile.read(original.out()).experiment().scale());

        assertEquals(Map.of(), ExperimentFile.of(original, Accel.TCG).subject().operations(), "auto under TCG: the default counts");
    }

    @Test
    void aFactorIsRecordedWithItsCounts() throws Exception {
        Experiment original = experiment(WorkloadScale.parse("0.1"));
        ExperimentFile.of(original, Accel.ICOUNT).write(ExperimentFile.beside(original));
        ExperimentFile back = ExperimentFile.read(original.out());
        assertEquals("0.1", back.subject().scale());
        assertEquals(Map.of("getppid", 150_000L, "fork", 70L), back.subject().operations());
        assertEquals(WorkloadScale.parse("0.1"), back.experiment().scale());
    }

    @Test
    void aFileOfAKbenchBeforeAutoReadsAsItsFactor() throws Exception {
        Experiment original = experiment(WorkloadScale.parse("0.5"));
        Path file = ExperimentFile.beside(original);
        ExperimentFile.of(original, Accel.ICOUNT).write(file);
        ObjectNode old = (ObjectNode) JSON.readTree(file.toFile());
        old.put("scale", 0.5);
        old.remove("operations");
        JSON.writeValue(file.toFile(), old);
        ExperimentFile back = ExperimentFile.read(original.out());
        assertNull(back.subject().operations());
        assertEquals(WorkloadScale.parse("0.5"), back.experiment().scale());
    }

    @Test
    void countsThisKbenchWouldNotRunAreNotResumed() throws Exception {
        Experiment original = experiment(WorkloadScale.AUTO);
        Path file = ExperimentFile.beside(original);
        ExperimentFile.of(original, Accel.ICOUNT).write(file);
        ObjectNode other = (ObjectNode) JSON.readTree(file.toFile());
        other.putObject("operations").put("getppid", 300_000L);
        JSON.writeValue(file.toFile(), other);
        KbenchException refused = assertThrows(KbenchException.class, () -> ExperimentFile.read(original.out()).experiment());
        assertEquals("cannot resume: --scale auto ran {getppid=300000} under icount, this kbench would run {getppid=150000}: resume it"
                + " with the kbench that started it", refused.getMessage());
    }
}
