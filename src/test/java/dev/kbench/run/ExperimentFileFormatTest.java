package dev.kbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kbench.Settings;
import dev.kbench.guest.Workload;
import dev.kbench.plan.GuestSettings;
import dev.kbench.results.Correction;
import dev.kbench.results.Criteria;
import dev.kbench.vm.Accel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The experiment file's layout: the flat object every kbench wrote, whatever the record's grouping, so old folders resume and merge. */
class ExperimentFileFormatTest {

    /** The fields of format 1 as kbench wrote them before its record was grouped. */
    private static final Set<String> FORMAT_1 = Set.of("format", "directory", "kernels", "workloads", "rounds", "runs", "warmups", "accel",
            "memoryMib", "order", "seed", "correction", "thresholdPercent", "precisionPercent", "maxRounds", "maxTimeSeconds", "unit",
            "suiteName", "scale", "operations", "cpus", "image", "out", "shard", "guest");

    /** What kbench added to format 1 since, each read as its old meaning when absent. */
    private static final Set<String> ADDED = Set.of("sequential", "warmed", "held");

    @TempDir
    Path tmp;

    private Experiment experiment() throws Exception {
        GuestSettings guest = GuestSettings.from(Settings.of(Map.of("KBENCH_CACHE", tmp.toString()), "/home/u"));
        return Experiment.builder(guest).kernels(List.of("default")).workloads(List.of(new Workload.BuiltIn("eventfd")))
                .rounds(4).runs(3).warmups(1).accel(Accel.TCG).memoryMib(768).order(RunOrder.FIXED).seed(99)
                .criteria(new Criteria(Correction.HOLM, 2.5)).precision(Optional.of(3.0)).maxRounds(Optional.of(40))
                .maxTime(Optional.of(Duration.ofMinutes(90))).image(Optional.of(Path.of("/images/guest.qcow2")))
                .out(tmp.resolve("out/sweep.csv")).build();
    }

    @Test
    void theFileIsTheFlatObjectOfFormatOne() throws Exception {
        Experiment original = experiment();
        Path file = ExperimentFile.beside(original);
        ExperimentFile.of(original, Accel.TCG).write(file);
        JsonNode written = new ObjectMapper().readTree(file.toFile());
        Set<String> names = new TreeSet<>();
        written.fieldNames().forEachRemaining(names::add);
        Set<String> expected = new TreeSet<>(FORMAT_1);
        expected.addAll(ADDED);
        assertEquals(expected, names);
        assertEquals(768, written.path("memoryMib").asInt());
        assertEquals("/images/guest.qcow2", written.path("image").asText());
    }

    @Test
    void aFileAnOlderKbenchWroteReadsBackAsItsExperiment() throws Exception {
        Experiment original = experiment();
        Path file = ExperimentFile.beside(original);
        Files.createDirectories(file.getParent());
        Map<String, String> guest = new java.util.TreeMap<>();
        original.guest().toProperties().forEach((k, v) -> guest.put((String) k, (String) v));
        // as kbench before --scale auto wrote it: a numeric scale, no operations
        Files.writeString(file, new ObjectMapper().writeValueAsString(Map.ofEntries(Map.entry("format", 1),
                Map.entry("directory", Path.of("").toAbsolutePath().toString()), Map.entry("kernels", List.of("default")),
                Map.entry("workloads", List.of("eventfd")), Map.entry("rounds", 4), Map.entry("runs", 3), Map.entry("warmups", 1),
                Map.entry("accel", "TCG"), Map.entry("memoryMib", 768), Map.entry("order", "fixed"), Map.entry("seed", 99),
                Map.entry("correction", "holm"), Map.entry("thresholdPercent", 2.5), Map.entry("precisionPercent", 3.0), Map.entry("maxRounds", 40),
                Map.entry("maxTimeSeconds", 5400), Map.entry("scale", 1.0), Map.entry("image", "/images/guest.qcow2"),
                Map.entry("out", original.givenOut().toString()), Map.entry("guest", guest))));
        Experiment again = ExperimentFile.read(original.out()).experiment();
        assertEquals(List.of(4, 3, 1, 768, 40), List.of(again.rounds(), again.runs(), again.warmups(), again.memoryMib(), again.maxRounds()));
        assertEquals(List.of(RunOrder.FIXED, 99L, Accel.TCG, Optional.of(Duration.ofMinutes(90)), Optional.of(Path.of("/images/guest.qcow2"))),
                List.of(again.order(), again.seed(), again.accel(), again.maxTime(), again.image()));
        assertEquals(original.criteria(), again.criteria());
        assertEquals(original.guest(), again.guest());
        assertEquals(false, again.sequential(), "no sequential field: every round ran every workload");
        assertEquals(List.of("eventfd"), again.warmedUnder(Accel.TCG), "no warmed field: every workload was warmed");
        assertEquals(List.of(), again.heldUnder(Accel.TCG), "no held field: nothing was held");
    }

    @Test
    void aSequentialExperimentKeepsItsRuleAndTheWorkloadsItWarmsAndHolds() throws Exception {
        GuestSettings guest = GuestSettings.from(Settings.of(Map.of("KBENCH_CACHE", tmp.toString()), "/home/u"));
        Experiment original = Experiment.builder(guest).kernels(List.of("default"))
                .workloads(List.of(new Workload.BuiltIn("getppid"), new Workload.BuiltIn("exec"))).rounds(2).runs(1).warmups(1)
                .accel(Accel.ICOUNT).sequential(true).out(tmp.resolve("out/seq.csv")).build();
        ExperimentFile.of(original, Accel.ICOUNT).write(ExperimentFile.beside(original));
        JsonNode written = new ObjectMapper().readTree(ExperimentFile.beside(original).toFile());
        assertEquals("[\"exec\"]", written.path("warmed").toString(), "icount's first getppid run is like the later ones; exec's is not");
        assertEquals("[\"exec\"]", written.path("held").toString(), "icount's getppid rounds are smooth; exec's jump in some VMs");
        Experiment again = ExperimentFile.read(original.out()).experiment();
        assertEquals(true, again.sequential());
        assertEquals(Experiment.SEQUENTIAL_MAX_ROUNDS, again.maxRounds());
        assertEquals(List.of("exec"), again.warmedUnder(Accel.TCG), "the recorded workloads, whatever the rule says now");
        assertEquals(List.of("exec"), again.heldUnder(Accel.KVM), "the recorded workloads, whatever the rule says now");
    }
}
