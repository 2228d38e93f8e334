package dev.kbench.jmh;

import dev.kbench.results.JsonLines;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The records a JMH iteration added to one of kbench's logs (run log, boot log): a profiler
 * marks the log's end before the iteration and reads what follows after it. This is how a
 * value that exists only once the guest has answered (a workload's integer, a boot's phases)
 * becomes a JMH result of its own with average aggregation, where {@code @AuxCounters} could only
 * sum it over iterations.
 */
public final class LogTail<T> {

    private final Path log;
    private final Class<T> type;
    private long mark;

    public LogTail(Path log, Class<T> type) {
        this.log = log;
        this.type = type;
    }

    /** Remembers where the log ends now. */
    public void mark() {
        try {
            mark = Files.exists(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + log + ": " + e.getMessage(), e);
        }
    }

    /** The records appended since {@link #mark}. */
    public List<T> sinceMark() {
        try {
            return Files.exists(log) ? JsonLines.readFrom(log, mark, type) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log + " for this iteration's results: " + e.getMessage(), e);
        }
    }
}
