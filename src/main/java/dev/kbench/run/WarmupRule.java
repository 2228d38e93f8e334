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
 * Which workloads need a warm-up run in a fresh VM, per accelerator: those whose first run
 * differed from the later ones of the same VM, the same way in most of 32 VMs and by at least
 * 0.1 %, in the committed lsm-cost run logs ({@code benchmarks/first-runs.py} makes the table
 * from them). A workload the table has not measured under the accelerator (a program of the
 * user's, anything under KVM) is warmed: no one has shown it need not be.
 *
 * @param unwarmed {@code accel workload} pairs measured not to need a warm-up
 */
record WarmupRule(Set<String> unwarmed) {

    private static final String TABLE = "first-runs.tsv";

    WarmupRule {
        unwarmed = Set.copyOf(unwarmed);
    }

    /** The rule as measured, from the table shipped with kbench. */
    static WarmupRule measured() {
        try (InputStream in = WarmupRule.class.getResourceAsStream(TABLE)) {
            if (in == null) {
                throw new IllegalStateException(TABLE + " is missing from kbench's classes: rebuild kbench");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The table's lines: {@code accel workload vms median same-sign-share warm}, tab-separated; {@code #} starts a comment. */
    static WarmupRule parse(List<String> lines) {
        Set<String> unwarmed = new HashSet<>();
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t");
            if (fields.length != 6 || !(fields[5].equals("yes") || fields[5].equals("no"))) {
                throw new IllegalArgumentException(TABLE + ": not a line of six fields ending in yes or no: " + line);
            }
            if (fields[5].equals("no")) {
                unwarmed.add(key(fields[0], fields[1]));
            }
        }
        return new WarmupRule(unwarmed);
    }

    /** The ids of {@code workloads} that get warm-up runs under {@code accel}, in their order. */
    List<String> warmed(Accel accel, List<Workload> workloads) {
        return workloads.stream().filter(w -> !(w instanceof Workload.BuiltIn) || !unwarmed.contains(key(accel.qemuName(), w.id())))
                .map(Workload::id).toList();
    }

    private static String key(String accel, String workload) {
        return accel.toLowerCase(Locale.ROOT) + " " + workload;
    }
}
