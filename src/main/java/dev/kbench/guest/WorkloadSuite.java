package dev.kbench.guest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The workloads one VM runs in turn, in a fixed order: {@code all} (every built-in workload,
 * alphabetically) or a list of built-in names and program paths. On JMH's command line the
 * list is separated by colons, since JMH splits {@code -p} values on commas.
 */
public final class WorkloadSuite {

    public static final String ALL = "all";

    private WorkloadSuite() {
    }

    /** {@code all}, or names and paths separated by colons or commas; duplicates are dropped. */
    public static List<String> parse(String spec) throws IOException {
        List<String> given = new ArrayList<>();
        for (String part : spec.split("[:,]")) {
            if (!part.isBlank()) {
                given.add(part.strip());
            }
        }
        return expand(given);
    }

    /** Replaces {@code all} by every built-in workload. */
    public static List<String> expand(List<String> workloads) throws IOException {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (String workload : workloads) {
            if (workload.equals(ALL)) {
                names.addAll(GuestImage.builtInWorkloads());
            } else {
                names.add(workload);
            }
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("no workload given: name built-in workloads, paths, or 'all'");
        }
        return List.copyOf(names);
    }

    /** The form {@link #parse} reads back, for a JMH parameter. */
    public static String format(List<String> workloads) {
        return String.join(":", workloads);
    }
}
