package dev.kbench.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The processes a {@link SlurmTestCluster}'s jobs leave behind: slurmstepd is not slurmd's child
 * but init's (it daemonizes), so neither stopping slurmd nor the parent-death signal ends it or
 * the job under it. They are found by the cluster's SLURM_CONF in their environment, which they
 * inherit from the daemons, read from /proc.
 */
final class SlurmLeftovers {

    private SlurmLeftovers() {
    }

    /**
     * Running processes other than {@code daemonPids} (and this JVM) that carry {@code conf} as
     * their SLURM_CONF: slurmstepd and the jobs. Zombies are left out: they run nothing and are
     * their parent's to reap.
     */
    static List<ProcessHandle> of(Path conf, Set<Long> daemonPids) {
        String marker = "SLURM_CONF=" + conf;
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            return all.filter(p -> !daemonPids.contains(p.pid()) && p.pid() != ProcessHandle.current().pid())
                    .filter(p -> !isZombie(p.pid()) && environ(p.pid()).contains(marker)).toList();
        }
    }

    private static List<String> environ(long pid) {
        try {
            return List.of(Files.readString(Path.of("/proc", Long.toString(pid), "environ"), StandardCharsets.ISO_8859_1).split("\0"));
        } catch (IOException | UncheckedIOException e) {
            return List.of(); // gone meanwhile
        }
    }

    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // "pid (comm) S ...": the state follows the last ')' (comm may hold one)
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException | UncheckedIOException e) {
            return true;
        }
    }
}
