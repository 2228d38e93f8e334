package dev.kbench.run;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.kbench.KbenchException;
import dev.kbench.guest.Workload;
import dev.kbench.plan.GuestSettings;
import dev.kbench.results.Correction;
import dev.kbench.results.Criteria;
import dev.kbench.results.JsonLines;
import dev.kbench.vm.Accel;
import dev.kbench.vm.CpuPinning;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * {@code OUT.experiment.json}: the whole experiment as it was decided before its first boot (its
 * options, the seed its order was drawn from, the accelerator chosen, the guest's settings), so
 * that {@code kbench run --resume OUT} continues exactly that experiment and no other. Written by
 * kbench for kbench, in the folder where the experiment started. The file is one flat JSON object
 * (format 1, as every kbench wrote it); here its fields are grouped by what they decide.
 *
 * @param format this file's layout; a reader refuses one it does not know
 */
public record ExperimentFile(int format, @JsonUnwrapped Origin origin, @JsonUnwrapped Subject subject, @JsonUnwrapped Schedule schedule,
        @JsonUnwrapped Judging judging, @JsonUnwrapped Machine machine) {

    /**
     * Where the experiment ran from and wrote to.
     *
     * @param directory where the experiment started: kernels given by relative path are found from there
     * @param out the output as {@code -o} gave it (a shard's own files are in its folder beside it)
     * @param shard {@code K/N} for a shard of an experiment, or null for a whole one
     */
    public record Origin(String directory, String out, String shard) {
    }

    /**
     * What is measured.
     *
     * @param scale {@code --scale}: {@code auto} or a factor (a number in files of kbench before {@code auto})
     * @param operations the counts {@code scale} gave the built-in workloads under the accelerator, by id (the others ran
     *     their default counts), so that a resume or merge runs what ran; null in files of kbench before {@code auto}
     */
    public record Subject(List<String> kernels, List<String> workloads, String unit, String suiteName, String scale,
            Map<String, Long> operations) {
    }

    /**
     * How many rounds and runs, in which order, and when {@code --precision} or sequential rounds stop.
     *
     * @param sequential whether rounds past {@code rounds} ran only the undecided workloads (null in files of kbench before them: no)
     * @param warmed the workloads that got {@code warmups} warm-up runs in each VM (null in files of kbench before: every one)
     * @param held the workloads a sequential experiment decides only at {@code maxRounds} (null in files of kbench before: none)
     */
    public record Schedule(int rounds, int runs, int warmups, String order, long seed, Double precisionPercent, int maxRounds,
            Long maxTimeSeconds, Boolean sequential, List<String> warmed, List<String> held) {
    }

    /** How kernels are compared: the multiple-testing correction and the threshold of a verdict. */
    public record Judging(String correction, double thresholdPercent) {
    }

    /** How each VM is made: the accelerator chosen ({@code auto} resolved), memory, pinning, disk image, the guest's settings. */
    public record Machine(String accel, int memoryMib, String cpus, String image, Map<String, String> guest) {
    }

    static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** {@code experiment} as it runs, under the accelerator it was given ({@code auto} resolved). */
    static ExperimentFile of(Experiment experiment, Accel accel) throws IOException {
        Properties settings = experiment.guest().toProperties();
        Map<String, String> guest = new TreeMap<>();
        settings.stringPropertyNames().forEach(name -> guest.put(name, settings.getProperty(name)));
        Origin origin = new Origin(Path.of("").toAbsolutePath().toString(), experiment.givenOut().toString(),
                experiment.shard().map(Shard::toString).orElse(null));
        Subject subject = new Subject(experiment.kernels(), experiment.workloads().stream().map(Workload::id).toList(),
                experiment.units().values().stream().findFirst().orElse(null), experiment.suiteName().orElse(null), experiment.scale().toString(),
                experiment.scale().operations(experiment.workloads(), accel));
        Schedule schedule = new Schedule(experiment.rounds(), experiment.runs(), experiment.warmups(), experiment.order().optionName(),
                experiment.seed(), experiment.precisionPercent().orElse(null), experiment.maxRounds(),
                experiment.maxTime().map(Duration::toSeconds).orElse(null), experiment.sequential(), experiment.warmedUnder(accel),
                experiment.heldUnder(accel));
        Judging judging = new Judging(experiment.criteria().correction().optionName(), experiment.criteria().thresholdPercent());
        Machine machine = new Machine(accel.name(), experiment.memoryMib(), experiment.pinning().map(CpuPinning::toString).orElse(null),
                experiment.image().map(Path::toString).orElse(null), guest);
        return new ExperimentFile(FORMAT, origin, subject, schedule, judging, machine);
    }

    /** Where the experiment whose CSV is {@code out} keeps this file. */
    public static Path beside(Experiment experiment) {
        return experiment.besideOut(".experiment.json");
    }

    /** Writes it whole or not at all, creating the output's folder as the experiment's first file. */
    void write(Path file) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(partial, JSON.writeValueAsBytes(this));
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException cannotEither) {
                // the folder is not there or not writable: nothing was left in it
            }
            throw new IOException("cannot write " + file + ": " + JsonLines.reason(e), e);
        }
    }

    /**
     * The experiment recorded beside {@code out} (the CSV {@code -o} named, or the folder of a
     * demo or lsm-cost run), or an error that says why it cannot be resumed.
     */
    public static ExperimentFile read(Path out) throws IOException {
        return readFile(locate(out));
    }

    /** The experiment recorded in {@code file}, or an error that says why it is not one. */
    static ExperimentFile readFile(Path file) throws IOException {
        ExperimentFile recorded;
        try {
            // each group from the one flat object: Jackson reads no unwrapped record
            JsonNode flat = JSON.readTree(file.toFile());
            if (!flat.isObject()) {
                throw new IOException("not a JSON object");
            }
            recorded = new ExperimentFile(flat.path("format").asInt(), JSON.treeToValue(flat, Origin.class), JSON.treeToValue(flat, Subject.class),
                    JSON.treeToValue(flat, Schedule.class), JSON.treeToValue(flat, Judging.class), JSON.treeToValue(flat, Machine.class));
        } catch (IOException e) {
            throw new KbenchException(KbenchException.Kind.BAD_INPUT, "cannot resume from " + file + ": not an experiment kbench recorded ("
                    + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (recorded.format() != FORMAT) {
            throw new KbenchException(KbenchException.Kind.BAD_INPUT, "cannot resume from " + file + ": it was written by another kbench"
                    + " (format " + recorded.format() + ", this one reads " + FORMAT + ")");
        }
        return recorded;
    }

    /** OUT's file beside it, or for the folder of a demo or lsm-cost run the one file in it. */
    private static Path locate(Path out) throws IOException {
        Path given = out.toAbsolutePath();
        Path beside = Experiment.besideOut(given, ".experiment.json");
        if (Files.isRegularFile(beside)) {
            return beside;
        }
        if (Files.isDirectory(given)) {
            try (var files = Files.list(given)) {
                List<Path> inside = files.filter(p -> p.getFileName().toString().endsWith(".experiment.json")).toList();
                if (inside.size() == 1) {
                    return inside.get(0);
                }
            }
        }
        throw new KbenchException(KbenchException.Kind.BAD_INPUT, "cannot resume " + out + ": no " + beside.getFileName()
                + " beside it (give the -o of a kbench run, demo or lsm-cost that this version of kbench started)");
    }

    /**
     * The experiment again, seed and all; the accelerator is the one chosen when it started. It
     * must be resumed where it started: the kernels and programs given by relative path, and the
     * forks' working folder, are found from there.
     */
    public Experiment experiment() throws IOException {
        String here = Path.of("").toAbsolutePath().toString();
        if (!here.equals(origin.directory())) {
            throw new KbenchException(KbenchException.Kind.BAD_INPUT, "resume this experiment from " + origin.directory()
                    + ", where it started (kernels given by relative path are found from there), not from " + here);
        }
        Properties settings = new Properties();
        settings.putAll(machine.guest());
        Experiment experiment = Experiment.builder(GuestSettings.fromProperties(settings)).kernels(subject.kernels())
                .workloads(Workload.parseAll(subject.workloads())).unit(Optional.ofNullable(subject.unit()))
                .suiteName(Optional.ofNullable(subject.suiteName())).scale(WorkloadScale.parse(subject.scale()))
                .rounds(schedule.rounds()).runs(schedule.runs()).warmups(schedule.warmups()).order(RunOrder.parse(schedule.order()))
                .seed(schedule.seed()).precision(Optional.ofNullable(schedule.precisionPercent())).maxRounds(Optional.of(schedule.maxRounds()))
                .maxTime(Optional.ofNullable(schedule.maxTimeSeconds()).map(Duration::ofSeconds))
                .sequential(Boolean.TRUE.equals(schedule.sequential()))
                .warmed(Optional.of(schedule.warmed() != null ? schedule.warmed() : subject.workloads()))
                .held(Optional.of(schedule.held() != null ? schedule.held() : List.of()))
                .criteria(new Criteria(Correction.parse(judging.correction()), judging.thresholdPercent()))
                .accel(Accel.valueOf(machine.accel())).memoryMib(machine.memoryMib()).pinning(Optional.ofNullable(machine.cpus()).map(CpuPinning::parse))
                .image(Optional.ofNullable(machine.image()).map(Path::of)).shard(Optional.ofNullable(origin.shard()).map(Shard::parse))
                .out(Path.of(origin.out())).build();
        // --scale auto's counts live with the workloads: another kbench may cut them otherwise, and would measure other runs
        Map<String, Long> now = experiment.scale().operations(experiment.workloads(), experiment.accel());
        if (subject.operations() != null && !subject.operations().equals(now)) {
            throw new KbenchException(KbenchException.Kind.BAD_INPUT, "cannot resume: --scale " + subject.scale() + " ran "
                    + counts(subject.operations()) + " under " + machine.accel().toLowerCase(java.util.Locale.ROOT) + ", this kbench would run "
                    + counts(now) + ": resume it with the kbench that started it");
        }
        return experiment;
    }

    private static String counts(Map<String, Long> operations) {
        return operations.isEmpty() ? "the default counts" : operations.toString();
    }
}
