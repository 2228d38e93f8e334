package dev.kbench.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the machine must give {@link SlurmTestCluster}: root, Debian's Slurm and munge packages,
 * a folder munged accepts, and the absolute paths of their commands. Apart from the cluster so
 * that a missing package or a wrong folder is told before any daemon starts, in one place.
 */
final class SlurmHost {

    /** The Debian package of each command the cluster runs, for the message when one is missing. */
    private static final Map<String, String> PACKAGE_OF = Map.of("sbatch", "slurm-client", "scontrol", "slurm-client",
            "scancel", "slurm-client", "sinfo", "slurm-client", "slurmctld", "slurmctld", "slurmd", "slurmd", "munged", "munge",
            "mungekey", "munge", "setpriv", "util-linux");

    private SlurmHost() {
    }

    static void requireRootAndPackages() throws IOException {
        Set<String> missing = new TreeSet<>();
        PACKAGE_OF.forEach((command, pkg) -> {
            if (find(command).isEmpty()) {
                missing.add(pkg);
            }
        });
        if (!missing.isEmpty()) {
            String packages = String.join(" ", missing);
            throw new IllegalStateException("the Slurm test cluster needs Debian's " + packages + ": run apt-get install " + packages
                    + " (./kbench test does)");
        }
        // /proc/self belongs to the effective user of whoever reads it
        if (!Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"))) {
            throw new IllegalStateException("the Slurm test cluster needs root (slurmd starts jobs as their users, munged's files"
                    + " belong to user munge): run the test as root");
        }
    }

    /** munged (user munge) refuses a socket that not every user can reach, and would only say so in its output. */
    static void requireSearchableParents(Path dir) throws IOException {
        for (Path parent = dir.getParent(); parent != null; parent = parent.getParent()) {
            if (!Files.getPosixFilePermissions(parent).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                throw new IllegalStateException("munged needs every folder above " + dir + " searchable by all users, and " + parent
                        + " is not: put the cluster in a folder under /tmp");
            }
        }
    }

    /** The name slurmd and slurmctld go by: the kernel's hostname up to its first dot, as Slurm shortens it. */
    static String shortHostname() throws IOException {
        String host = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        return host.contains(".") ? host.substring(0, host.indexOf('.')) : host;
    }

    /** {@code command} run through setpriv with {@code options} (a change of user, a parent-death signal). */
    static List<String> setpriv(List<String> options, String... command) {
        List<String> setpriv = new ArrayList<>(List.of(tool("setpriv")));
        setpriv.addAll(options);
        setpriv.add("--");
        setpriv.addAll(List.of(command));
        return setpriv;
    }

    /** The absolute path of a command, which setpriv needs to run one from the sbin folders. */
    static String tool(String command) {
        if (command.startsWith("/")) {
            return command;
        }
        return find(command).map(Path::toString)
                .orElseThrow(() -> new IllegalStateException(command + " is not installed: apt-get install " + PACKAGE_OF.get(command)));
    }

    /** A command on PATH or in the sbin folders, which a non-login root's PATH may lack (the daemons live there). */
    private static Optional<Path> find(String command) {
        List<String> folders = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        folders.addAll(List.of("/usr/sbin", "/sbin"));
        return folders.stream().filter(f -> !f.isEmpty()).map(f -> Path.of(f, command)).filter(Files::isExecutable).findFirst();
    }
}
