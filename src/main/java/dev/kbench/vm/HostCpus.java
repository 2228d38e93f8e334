package dev.kbench.vm;

import dev.kbench.KbenchException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The host CPUs this process may run on (its affinity, as Slurm, taskset or a container's cpuset
 * left it), and their split into disjoint sets for jobs that must not share a core.
 */
public record HostCpus(List<Integer> cpus) {

    public HostCpus {
        cpus = List.copyOf(cpus);
    }

    /** This process's CPUs, from /proc/self/status. */
    public static HostCpus ofThisProcess() throws IOException {
        try (var lines = Files.lines(Path.of("/proc/self/status"))) {
            String list = lines.filter(l -> l.startsWith("Cpus_allowed_list:")).map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst()
                    .orElseThrow(() -> new KbenchException(KbenchException.Kind.INFRASTRUCTURE, "/proc/self/status has no Cpus_allowed_list"));
            return new HostCpus(parseList(list));
        }
    }

    /**
     * Whether this process may run on fewer CPUs than the host has online (taskset, Slurm, a
     * cpuset, {@code kbench run --jobs}): "CPUs 0 of the host's 0-1", for saying so; empty when it
     * may use them all or the host's list cannot be read.
     */
    public static Optional<String> confinement() {
        try {
            List<Integer> online = parseList(Files.readString(Path.of("/sys/devices/system/cpu/online")));
            List<Integer> mine = ofThisProcess().cpus();
            return mine.size() < online.size() ? Optional.of("CPUs " + text(mine) + " of the host's " + text(online)) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Linux's CPU list form: {@code 0-3,8,10-11}. */
    public static List<Integer> parseList(String text) {
        List<Integer> cpus = new ArrayList<>();
        for (String part : text.strip().split(",")) {
            String[] range = part.strip().split("-");
            int from = Integer.parseInt(range[0].strip());
            int to = range.length > 1 ? Integer.parseInt(range[1].strip()) : from;
            for (int cpu = from; cpu <= to; cpu++) {
                cpus.add(cpu);
            }
        }
        return cpus;
    }

    /**
     * {@code jobs} disjoint sets of equal size, in order (neighbouring CPUs together, as cores of a
     * socket are usually numbered); the CPUs left over are not used.
     */
    public List<List<Integer>> split(int jobs) {
        int each = cpus.size() / jobs;
        if (jobs < 1 || each < 1) {
            throw new IllegalArgumentException("--jobs " + jobs + " needs at least " + Math.max(jobs, 1) + " CPUs, one per job; kbench may use "
                    + cpus.size() + " here (" + text(cpus) + ")");
        }
        List<List<Integer>> sets = new ArrayList<>();
        for (int job = 0; job < jobs; job++) {
            sets.add(List.copyOf(cpus.subList(job * each, (job + 1) * each)));
        }
        return sets;
    }

    /** The list as taskset -c reads it: {@code 0,1,2}. */
    public static String text(List<Integer> cpus) {
        return cpus.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
