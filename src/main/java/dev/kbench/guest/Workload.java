package dev.kbench.guest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a round runs in the guest: one of kbench's built-in workloads, or any program with
 * lsm-perf's contract (no argument, one integer on stdout). Told apart once, where the user's
 * text is read; past that, code asks the type.
 */
public sealed interface Workload permits Workload.BuiltIn, Workload.Program {

    /** How results, metrics and the run log name it: the built-in name, or the program's absolute path. */
    String id();

    /** The file name it has in the guest's /bin. */
    String fileName();

    record BuiltIn(String name) implements Workload {
        @Override
        public String id() {
            return name;
        }

        @Override
        public String fileName() {
            return name;
        }
    }

    /** A program on the host, by absolute path (JMH forks may run in another folder). */
    record Program(Path path) implements Workload {
        public Program {
            path = path.toAbsolutePath().normalize();
        }

        @Override
        public String id() {
            return path.toString();
        }

        @Override
        public String fileName() {
            return path.getFileName().toString();
        }
    }

    /** A path (anything with a slash) or a built-in name; an unknown name says what exists. */
    static Workload parse(String text) throws IOException {
        if (text.contains("/")) {
            return new Program(Path.of(text));
        }
        List<String> known = GuestImage.builtInWorkloads();
        if (known.contains(text)) {
            return new BuiltIn(text);
        }
        throw new IllegalArgumentException("unknown workload '" + text + "': give a path (./" + text
                + ") or one of the built-in ones, " + String.join(", ", known) + ", or 'all'");
    }

    /** Names, paths and {@code all} (every built-in workload), in order, without duplicates. */
    public static List<Workload> parseAll(List<String> given) throws IOException {
        List<Workload> workloads = new ArrayList<>();
        for (String text : WorkloadSuite.expand(given)) {
            Workload workload = parse(text);
            if (workloads.stream().noneMatch(w -> w.id().equals(workload.id()))) {
                workloads.add(workload);
            }
        }
        return List.copyOf(workloads);
    }

    /** The ids joined as {@link WorkloadSuite#parse} reads them back, for a JMH parameter. */
    static String format(List<Workload> workloads) {
        return WorkloadSuite.format(workloads.stream().map(Workload::id).toList());
    }
}
