package dev.kbench.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A file of records, one JSON object a line, appended and forced to disk one record at a time,
 * so a crash, a failed kernel or Ctrl-C loses nothing already written. Several JMH forks may
 * append to one file: each line is a single write on an O_APPEND file.
 */
public final class JsonLines<T> implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FileChannel channel;

    private JsonLines(FileChannel channel) {
        this.channel = channel;
    }

    public static <T> JsonLines<T> appendTo(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return new JsonLines<>(FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND));
    }

    public synchronized void append(T record) throws IOException {
        ByteBuffer line = ByteBuffer.wrap((JSON.writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8));
        while (line.hasRemaining()) {
            channel.write(line);
        }
        channel.force(false);
    }

    /** Every record in {@code file}; a torn last line (its writer was killed mid-write) is skipped. */
    public static <T> List<T> read(Path file, Class<T> type) throws IOException {
        return parse(file, Files.readAllLines(file), type);
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
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                records.add(JSON.readValue(lines.get(i), type));
            } catch (IOException e) {
                if (i < lines.size() - 1) {
                    throw new IOException(file + ":" + (i + 1) + ": not a kbench " + type.getSimpleName() + ": "
                            + e.getMessage().lines().findFirst().orElse(""), e);
                }
            }
        }
        return records;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
