package dev.kbench.run;

import dev.kbench.guest.Workload;
import dev.kbench.vm.Accel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A precaution kbench takes per workload and accelerator unless the committed lsm-cost run logs
 * showed a built-in workload can go without, as a table shipped with kbench and made from those
 * logs by a script in {@code benchmarks/}. A workload the table has not measured under the
 * accelerator (a program of the user's, anything under KVM) keeps the precaution: no one has
 * shown it may go without.
 *
 * @param name the table's file name, for errors
 * @param cleared {@code accel workload} pairs measured not to need the precaution
 */
record WorkloadTable(String name, Set<String> cleared) {

    /**
     * A warm-up run in every fresh VM: needed by those whose first run differed from the later
     * ones of the same VM, the same way in most of 32 VMs and by at least 0.1 % ({@code
     * benchmarks/first-runs.py}).
     */
    static final String WARM_UPS = "first-runs.tsv";

    /**
     * No sequential decision before {@code --max-rounds}: needed by those whose round means jump
     * between modes in some VMs, so that two rounds of a kernel may agree closely on a value
     * that is not its usual one ({@code benchmarks/round-modes.py}).
     */
    static final String ROUND_MODES = "round-modes.tsv";

    WorkloadTable {
        cleared = Set.copyOf(cleared);
    }

    /** The table {@code name} as measured, shipped with kbench. */
    static WorkloadTable shipped(String name) {
        try (InputStream in = WorkloadTable.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from kbench's classes: rebuild kbench");
            }
            return parse(name, new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The table's lines: {@code accel workload} and four measured fields, the last {@code yes} or {@code no}, tab-separated; {@code #} starts a comment. */
    static WorkloadTable parse(String name, List<String> lines) {
        Set<String> cleared = new HashSet<>();
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t");
            if (fields.length != 6 || !(fields[5].equals("yes") || fields[5].equals("no"))) {
                throw new IllegalArgumentException(name + ": not a line of six fields ending in yes or no: " + line);
            }
            if (fields[5].equals("no")) {
                cleared.add(key(fields[0], fields[1]));
            }
        }
        return new WorkloadTable(name, cleared);
    }

    /** The ids of {@code workloads} that need the precaution under {@code accel}, in their order. */
    List<String> needing(Accel accel, List<Workload> workloads) {
        return workloads.stream().filter(w -> !(w instanceof Workload.BuiltIn) || !cleared.contains(key(accel.qemuName(), w.id())))
                .map(Workload::id).toList();
    }

    private static String key(String accel, String workload) {
        return accel.toLowerCase(Locale.ROOT) + " " + workload;
    }
}
