package dev.kbench.run;

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
 * kbench for kbench, in the folder where the experiment started.
 *
 * @param format this file's layout; a reader refuses one it does not know
 * @param directory where the experiment started: kernels given by relative path are found from there
 * @param out the output as {@code -o} gave it (a shard's own files are in its folder beside it)
 * @param shard {@code K/N} for a shard of an experiment, or null for a whole one
 * @param scale {@code --scale}: {@code auto} or a factor (a number in files of kbench before {@code auto})
 * @param operations the counts {@code scale} gave the built-in workloads under {@code accel}, by id (the others ran
 *     their default counts), so that a resume or merge runs what ran; null in files of kbench before {@code auto}
 */
public record ExperimentFile(int format, String directory, List<String> kernels, List<String> workloads, int rounds, int runs, int warmups,
        String accel, int memoryMib, String order, long seed, String correction, double thresholdPercent, Double precisionPercent,
        int maxRounds, Long maxTimeSeconds, String unit, String suiteName, String scale, Map<String, Long> operations, String cpus, String image, String out,
        String shard, Map<String, String> guest) {

    static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** {@code experiment} as it runs, under the accelerator it was given ({@code auto} resolved). */
    static ExperimentFile of(Experiment experiment, Accel accel) throws IOException {
        Properties settings = experiment.guest().toProperties();
        Map<String, String> guest = new TreeMap<>();
        settings.stringPropertyNames().forEach(name -> guest.put(name, settings.getProperty(name)));
        return new ExperimentFile(FORMAT, Path.of("").toAbsolutePath().toString(), experiment.kernels(),
                experiment.workloads().stream().map(Workload::id).toList(), experiment.rounds(), experiment.runs(), experiment.warmups(),
                accel.name(), experiment.memoryMib(), experiment.order().optionName(), experiment.seed(),
                experiment.criteria().correction().optionName(), experiment.criteria().thresholdPercent(),
                experiment.precisionPercent().orElse(null), experiment.maxRounds(), experiment.maxTime().map(Duration::toSeconds).orElse(null),
                experiment.units().values().stream().findFirst().orElse(null), experiment.suiteName().orElse(null), experiment.scale().toString(),
                experiment.scale().operations(experiment.workloads(), accel),
                experiment.pinning().map(CpuPinning::toString).orElse(null), experiment.image().map(Path::toString).orElse(null),
                experiment.givenOut().toString(), experiment.shard().map(Shard::toString).orElse(null), guest);
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
            recorded = JSON.readValue(file.toFile(), ExperimentFile.class);
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
        if (!here.equals(directory)) {
            throw new KbenchException(KbenchException.Kind.BAD_INPUT, "resume this experiment from " + directory
                    + ", where it started (kernels given by relative path are found from there), not from " + here);
        }
        Properties settings = new Properties();
        settings.putAll(guest);
        Optional<CpuPinning> pinning = Optional.ofNullable(cpus).map(CpuPinning::parse);
        Experiment experiment = Experiment.builder(GuestSettings.fromProperties(settings)).kernels(kernels).workloads(Workload.parseAll(workloads))
                .rounds(rounds).runs(runs).warmups(warmups).accel(Accel.valueOf(accel)).memoryMib(memoryMib).order(RunOrder.parse(order))
                .seed(seed).criteria(new Criteria(Correction.parse(correction), thresholdPercent)).precision(Optional.ofNullable(precisionPercent))
                .maxRounds(Optional.of(maxRounds)).maxTime(Optional.ofNullable(maxTimeSeconds).map(Duration::ofSeconds))
                .unit(Optional.ofNullable(unit)).suiteName(Optional.ofNullable(suiteName)).scale(WorkloadScale.parse(scale)).pinning(pinning)
                .image(Optional.ofNullable(image).map(Path::of)).shard(Optional.ofNullable(shard).map(Shard::parse)).out(Path.of(out)).build();
        // --scale auto's counts live with the workloads: another kbench may cut them otherwise, and would measure other runs
        Map<String, Long> now = experiment.scale().operations(experiment.workloads(), experiment.accel());
        if (operations != null && !operations.equals(now)) {
            throw new KbenchException(KbenchException.Kind.BAD_INPUT, "cannot resume: --scale " + scale + " ran " + counts(operations)
                    + " under " + accel.toLowerCase(java.util.Locale.ROOT) + ", this kbench would run " + counts(now)
                    + ": resume it with the kbench that started it");
        }
        return experiment;
    }

    private static String counts(Map<String, Long> operations) {
        return operations.isEmpty() ? "the default counts" : operations.toString();
    }
}
