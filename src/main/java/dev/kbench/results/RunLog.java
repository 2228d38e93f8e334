package dev.kbench.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * kbench's own record of every run: one JSON object a line, appended and forced to disk as
 * each run ends, so a crash, a failed kernel or Ctrl-C loses nothing already measured.
 * Several JMH forks append to the same file; each line is one write on an O_APPEND file.
 */
public final class RunLog implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FileChannel channel;

    private RunLog(FileChannel channel) {
        this.channel = channel;
    }

    public static RunLog appendTo(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return new RunLog(FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND));
    }

    public synchronized void append(RunRecord record) throws IOException {
        byte[] line = (JSON.writeValueAsString(record) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.wrap(line);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        channel.force(false);
    }

    /** Every record in {@code file}; a torn last line (the writer was killed mid-write) is skipped. */
    public static List<RunRecord> read(Path file) throws IOException {
        List<RunRecord> records = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                records.add(JSON.readValue(line, RunRecord.class));
            } catch (IOException e) {
                if (i < lines.size() - 1) {
                    throw new IOException(file + ":" + (i + 1) + ": not a kbench run record: " + e.getMessage().lines().findFirst().orElse(""), e);
                }
            }
        }
        return records;
    }

    /**
     * The measured runs per kernel, in the shape of lsm-perf's CSV: rounds are numbered per
     * kernel in the order their VMs first appear, which is the order they ran.
     */
    public static List<KernelRounds> rounds(List<RunRecord> records) {
        java.util.Map<String, java.util.Map<String, List<Long>>> byKernel = new java.util.LinkedHashMap<>();
        for (RunRecord record : records) {
            if (record.measured()) {
                byKernel.computeIfAbsent(record.kernel(), k -> new java.util.LinkedHashMap<>())
                        .computeIfAbsent(record.vm(), v -> new ArrayList<>()).add(record.value());
            }
        }
        List<KernelRounds> kernels = new ArrayList<>();
        byKernel.forEach((kernel, vms) -> kernels.add(new KernelRounds(kernel, new ArrayList<>(vms.values()))));
        return kernels;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
