package dev.kbench.bisect;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.kbench.KbenchException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * A bisection as {@code OUT/bisect.json} keeps it, rewritten whole after every step: what was asked,
 * the ends, every step, and what it found. {@code --resume OUT} reads it back: git's bisection is
 * started again and every step it kept is answered from here rather than built and measured again.
 *
 * @param ends bad against good per workload, once measured (empty before)
 * @param findings the first bad commits, once found
 * @param gitLogs git's bisect logs, one per range bisected, relative to OUT
 */
record BisectRecord(int format, BisectRequest request, Ends ends, List<StepRecord> steps, List<Finding> findings, List<String> gitLogs) {

    static final int FORMAT = 1;
    static final String FILE = "bisect.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * The ends as resolved and measured.
     *
     * @param range the commits of good..bad, oldest first: where each step's commit sits, for the plot
     * @param effects bad against good, per workload
     * @param accel the accelerator they were measured under (auto resolved), every step's
     * @param stepRounds the rounds per kernel each step starts with
     * @param folder their measurement, relative to OUT
     */
    record Ends(GitRepository.Commit good, GitRepository.Commit bad, List<String> range, List<EndEffect> effects, dev.kbench.vm.Accel accel,
            int stepRounds, double buildSeconds, double measureSeconds, String folder) {
    }

    record EndEffect(String workload, Position.Side badAgainstGood) {
    }

    BisectRecord {
        steps = List.copyOf(steps);
        findings = List.copyOf(findings);
        gitLogs = List.copyOf(gitLogs);
    }

    static BisectRecord start(BisectRequest request) {
        return new BisectRecord(FORMAT, request, null, List.of(), List.of(), List.of());
    }

    BisectRecord withEnds(Ends measured) {
        return new BisectRecord(format, request, measured, steps, findings, gitLogs);
    }

    BisectRecord withStep(StepRecord step) {
        List<StepRecord> more = new java.util.ArrayList<>(steps);
        more.removeIf(s -> s.answers(step.good(), step.bad(), step.commit()));
        more.add(step);
        return new BisectRecord(format, request, ends, more, findings, gitLogs);
    }

    BisectRecord withFindings(List<Finding> found, List<String> logs) {
        return new BisectRecord(format, request, ends, steps, found, logs);
    }

    java.util.Optional<StepRecord> kept(String good, String bad, String commit) {
        return steps.stream().filter(s -> s.answers(good, bad, commit)).findFirst();
    }

    static Path in(Path out) {
        return out.resolve(FILE);
    }

    void write(Path out) throws IOException {
        Files.createDirectories(out);
        Path partial = out.resolve(FILE + ".partial");
        JSON.writeValue(partial.toFile(), this);
        Files.move(partial, in(out), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static BisectRecord read(Path out) throws IOException {
        Path file = in(out);
        if (!Files.isRegularFile(file)) {
            throw new KbenchException(KbenchException.Kind.BAD_INPUT, "nothing to resume in " + out + ": it has no " + FILE
                    + " (give --resume the -o folder of a kbench bisect)");
        }
        BisectRecord record = JSON.readValue(file.toFile(), BisectRecord.class);
        if (record.format() != FORMAT) {
            throw new KbenchException(KbenchException.Kind.BAD_INPUT, file + " is of format " + record.format() + ", this kbench reads "
                    + FORMAT + ": bisect again with this kbench");
        }
        return record;
    }
}
