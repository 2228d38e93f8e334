package dev.kbench.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.kbench.KbenchException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A file of records, one JSON object a line, appended and forced to disk one record at a time,
 * so a crash, a failed kernel or Ctrl-C loses nothing already written. Several JMH forks may
 * append to one file: each line is a single write on an O_APPEND file.
 */
public final class JsonLines<T> implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final FileChannel channel;

    private JsonLines(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** Opens {@code file} for appending; a folder or file that cannot be written is an error naming it. */
    public static <T> JsonLines<T> appendTo(Path file) throws IOException {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return new JsonLines<>(file, FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new KbenchException(KbenchException.Kind.INFRASTRUCTURE, "cannot write " + file + ": " + reason(e), e);
        }
    }

    /**
     * Appends one record. When the file cannot take it (disk full, folder gone, I/O error) the
     * error names the file and carries the record itself, so what was measured is still in the
     * message even when it is not in the file; the records before it are in the file.
     */
    public synchronized void append(T record) throws IOException {
        String json = JSON.writeValueAsString(record);
        ByteBuffer line = ByteBuffer.wrap((json + "\n").getBytes(StandardCharsets.UTF_8));
        try {
            while (line.hasRemaining()) {
                channel.write(line);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new KbenchException(KbenchException.Kind.INFRASTRUCTURE, "cannot write " + file + ": " + reason(e) + "; the record it did not take: " + json, e);
        }
    }

    /** An I/O error's cause in words: a file system error's message is often just the path. */
    public static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException exists) {
            return exists.getFile() + " is a file, not a folder"; // what createDirectories meets in its way
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Every record in {@code file}; a torn last line (its writer was killed mid-write) is skipped. */
    public static <T> List<T> read(Path file, Class<T> type) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new KbenchException(KbenchException.Kind.INFRASTRUCTURE, "cannot read " + file + ": " + reason(e), e);
        }
        return parse(file, bytes, type);
    }

    /** Every record in {@code bytes}, the contents of {@code file} read by the caller; a torn last line is skipped. */
    public static <T> List<T> parse(Path file, byte[] bytes, Class<T> type) throws IOException {
        // bytes that are not UTF-8 (a corrupt or foreign file) spoil their own line, not the file
        return parse(file, new String(bytes, StandardCharsets.UTF_8).lines().toList(), type);
    }

    /**
     * The records written at or after byte {@code offset} of {@code file} (a size it had before),
     * so a reader that follows a growing log reads each line once.
     */
    public static <T> List<T> readFrom(Path file, long offset, Class<T> type) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer rest = ByteBuffer.allocate((int) Math.max(0, in.size() - offset));
            while (rest.hasRemaining() && in.read(rest, offset + rest.position()) >= 0) {
                // read to the end as it was when opened
            }
            return parse(file, new String(rest.array(), 0, rest.position(), StandardCharsets.UTF_8).lines().toList(), type);
        }
    }

    private static <T> List<T> parse(Path file, List<String> lines, Class<T> type) throws IOException {
        List<T> records = new ArrayList<>();
        ObjectReader reader = readerFor(type);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                records.add(record(lines.get(i), reader));
            } catch (IOException e) {
                if (i < lines.size() - 1) {
                    throw notARecord(file, i + 1, type, e);
                }
            }
        }
        return records;
    }

    /**
     * The first record of {@code file} that {@code wanted} takes, reading no further than it: for a
     * record at the head of a long file. A line that is not a record before it is an error, as in {@link #read}.
     */
    public static <T> Optional<T> first(Path file, Class<T> type, Predicate<T> wanted) throws IOException {
        List<T> found = new ArrayList<>(1);
        scan(file, type, record -> {
            if (wanted.test(record)) {
                found.add(record);
                return false;
            }
            return true;
        });
        return found.stream().findFirst();
    }

    /** Reads records until {@code more} says stop; a line that is not a record is an error unless it is the last. */
    private static <T> void scan(Path file, Class<T> type, Predicate<T> more) throws IOException {
        ObjectReader reader = readerFor(type);
        // a decoder that replaces bytes that are not UTF-8, as read does: they spoil their own line, not the file
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
            IOException torn = null;
            int number = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                if (torn != null) {
                    throw torn;
                }
                T record;
                try {
                    record = record(line, reader);
                } catch (IOException e) {
                    torn = notARecord(file, number, type, e);
                    continue;
                }
                if (!more.test(record)) {
                    return;
                }
            }
        }
    }

    /** One whole JSON object a line: "null" or an object followed by more is not a record. */
    private static <T> T record(String line, ObjectReader reader) throws IOException {
        T record = reader.readValue(line);
        if (record == null) {
            throw new com.fasterxml.jackson.core.JsonParseException(null, "null is not a record");
        }
        return record;
    }

    private static ObjectReader readerFor(Class<?> type) {
        return JSON.readerFor(type).with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    private static IOException notARecord(Path file, int number, Class<?> type, IOException e) {
        return new KbenchException(KbenchException.Kind.BAD_INPUT, file + ":" + number + ": not a kbench " + type.getSimpleName() + ": "
                + e.getMessage().lines().findFirst().orElse(""), e);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
