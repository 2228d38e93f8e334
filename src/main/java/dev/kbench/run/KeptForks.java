package dev.kbench.run;

import dev.kbench.KbenchException;
import dev.kbench.plan.RoundSlot;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;

/**
 * {@code OUT.forks/}: the JMH result of every kernel's round the moment its fork ends, so that an
 * interrupted experiment can be resumed with the very results it had measured: the merged JSON
 * of a resumed experiment is then that of one that was never interrupted. JMH's results are
 * {@code Serializable} (JMH itself sends them from fork to parent that way); the files are
 * kbench's own, and are read back only as JMH's and the JDK's classes.
 */
final class KeptForks {

    private static final Pattern NAME = Pattern.compile("round-(\\d+)-position-(\\d+)\\.jmh");
    /** A fork's result is a few kilobytes per run; far above any real one, far below harm. */
    private static final long MAX_BYTES = 64L << 20;
    private static final ObjectInputFilter ONLY_RESULTS = ObjectInputFilter.Config.createFilter(
            "maxbytes=" + MAX_BYTES + ";maxdepth=64;org.openjdk.jmh.**;java.lang.*;java.util.*;java.util.concurrent.*;java.math.*;!*");

    private static final Comparator<RoundSlot> BY_ROUND = Comparator.comparingInt(RoundSlot::round).thenComparingInt(RoundSlot::position);

    private final Path folder;

    KeptForks(Path folder) {
        this.folder = folder;
    }

    static KeptForks of(Experiment experiment) {
        return new KeptForks(experiment.besideOut(".forks"));
    }

    Path folder() {
        return folder;
    }

    /** Keeps {@code result} as the slot's, whole or not at all (written aside, then renamed). */
    void keep(RoundSlot slot, RunResult result) throws IOException {
        Files.createDirectories(folder);
        Path file = file(slot);
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (OutputStream bytes = Files.newOutputStream(partial); ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(result);
        } catch (IOException e) {
            Files.deleteIfExists(partial); // what it holds is no result, and it takes the room a full disk lacks
            throw new KbenchException(KbenchException.Kind.INFRASTRUCTURE, "cannot write " + partial + ": " + e.getMessage(), e);
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Every slot kept, by round, then position; a file that cannot be read is an error naming it. */
    Map<RoundSlot, RunResult> read() throws IOException {
        Map<RoundSlot, RunResult> kept = new TreeMap<>(BY_ROUND);
        for (RoundSlot slot : slots()) {
            kept.put(slot, read(slot));
        }
        return kept;
    }

    /** The slots kept, by round, then position, without reading their results. */
    SortedSet<RoundSlot> slots() throws IOException {
        SortedSet<RoundSlot> slots = new TreeSet<>(BY_ROUND);
        if (!Files.isDirectory(folder)) {
            return slots;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                Matcher name = NAME.matcher(file.getFileName().toString());
                if (name.matches()) {
                    slots.add(new RoundSlot(Integer.parseInt(name.group(1)), Integer.parseInt(name.group(2))));
                }
            }
        }
        return slots;
    }

    /** The result kept for {@code slot}, one of {@link #slots()}. */
    RunResult read(RoundSlot slot) throws IOException {
        return read(file(slot));
    }

    /**
     * Marks {@code round} finished: every kernel it was to run is kept. A sequential round's plan
     * may leave kernels out, so its slots alone do not say when it is whole; another shard reads this.
     */
    void finish(int round) throws IOException {
        Files.createDirectories(folder);
        Path done = folder.resolve("round-" + round + ".done");
        if (!Files.exists(done)) {
            Files.createFile(done);
        }
    }

    /** The rounds marked finished. */
    java.util.Set<Integer> finishedRounds() throws IOException {
        java.util.Set<Integer> finished = new java.util.TreeSet<>();
        if (!Files.isDirectory(folder)) {
            return finished;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "round-*.done")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                finished.add(Integer.parseInt(name.substring("round-".length(), name.length() - ".done".length())));
            }
        }
        return finished;
    }

    /** Where the plan of the slot's fork is written for it, beside its result. */
    Path planFile(RoundSlot slot) {
        return folder.resolve("round-" + slot.round() + "-position-" + slot.position() + ".plan.json");
    }

    private Path file(RoundSlot slot) {
        return folder.resolve("round-" + slot.round() + "-position-" + slot.position() + ".jmh");
    }

    /** Forgets every kept result: a fresh experiment with this name starts. */
    void clear() throws IOException {
        dev.kbench.FileTrees.delete(folder);
    }

    private static RunResult read(Path file) throws IOException {
        // buffered: ObjectInputStream reads a few bytes at a time, a system call each on a bare file stream
        try (InputStream bytes = new java.io.BufferedInputStream(Files.newInputStream(file)); ObjectInputStream in = new ObjectInputStream(bytes)) {
            in.setObjectInputFilter(ONLY_RESULTS);
            return (RunResult) in.readObject();
        } catch (ClassNotFoundException | ClassCastException | java.io.InvalidClassException e) {
            throw new KbenchException(KbenchException.Kind.BAD_INPUT, "cannot read " + file + ": not a JMH result this kbench wrote (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new KbenchException(KbenchException.Kind.INFRASTRUCTURE, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
