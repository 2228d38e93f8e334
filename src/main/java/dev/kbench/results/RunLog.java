package dev.kbench.results;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * kbench's own record of every workload run, as {@link JsonLines} of {@link RunRecord}s: JMH
 * drops a failed parameter set's results and writes its JSON only at the end.
 */
public final class RunLog implements AutoCloseable {

    private final JsonLines<RunRecord> lines;

    private RunLog(JsonLines<RunRecord> lines) {
        this.lines = lines;
    }

    public static RunLog appendTo(Path file) throws IOException {
        return new RunLog(JsonLines.appendTo(file));
    }

    public void append(RunRecord record) throws IOException {
        lines.append(record);
    }

    public static List<RunRecord> read(Path file) throws IOException {
        return JsonLines.read(file, RunRecord.class);
    }

    /** The records in {@code bytes}, the contents of the run log {@code file} read by the caller. */
    public static List<RunRecord> parse(Path file, byte[] bytes) throws IOException {
        return JsonLines.parse(file, bytes, RunRecord.class);
    }

    /** The host the log's experiment (or shard) started on: its first host record, read without the runs after it. */
    public static Optional<HostFingerprint> host(Path file) throws IOException {
        return JsonLines.first(file, RunRecord.class, r -> r.phase() == RunPhase.HOST).map(RunRecord::host);
    }

    /**
     * The measured runs per kernel, in the shape of lsm-perf's CSV: rounds are numbered per
     * kernel in the order their VMs first appear, which is the order they ran.
     */
    public static List<KernelRounds> rounds(List<RunRecord> records) {
        Map<String, Map<String, List<Long>>> byKernel = new LinkedHashMap<>();
        for (RunRecord record : records) {
            if (record.measured()) {
                byKernel.computeIfAbsent(record.kernel(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(record.vm(), v -> new ArrayList<>()).add(record.value());
            }
        }
        List<KernelRounds> kernels = new ArrayList<>();
        byKernel.forEach((kernel, vms) -> kernels.add(new KernelRounds(kernel, new ArrayList<>(vms.values()))));
        return kernels;
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
