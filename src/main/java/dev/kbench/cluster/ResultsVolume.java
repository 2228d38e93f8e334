package dev.kbench.cluster;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The PersistentVolumeClaim the shards write to and the merge reads from, and where it is
 * mounted in their containers. Shards on several nodes write to it at once, so the claim must
 * be ReadWriteMany; that is the cluster's business, the manifest only names it.
 */
public record ResultsVolume(String claim, Path mountPath) {

    /** A string, for picocli's default value. */
    public static final String DEFAULT_MOUNT_PATH = "/results";

    public ResultsVolume {
        KubernetesNames.dnsSubdomain("--results-claim", Objects.requireNonNull(claim, "claim"));
        Objects.requireNonNull(mountPath, "mountPath");
        if (!mountPath.isAbsolute() || !mountPath.normalize().equals(mountPath) || mountPath.getNameCount() == 0) {
            throw new IllegalArgumentException("--mount-path '" + mountPath + "' must be an absolute folder other than /, without . or ..");
        }
    }

    /** Whether {@code path} lies inside the volume (not the mount point itself). */
    public boolean holds(Path path) {
        return path.isAbsolute() && path.normalize().equals(path) && path.startsWith(mountPath) && !path.equals(mountPath);
    }
}
