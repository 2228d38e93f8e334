package dev.kbench.guest;

import java.io.IOException;

/**
 * kbench's static guest programs (the agent, the built-in workloads) as bytes, for copying
 * into a guest that is already running, such as a disk image reached over SSH.
 */
public final class GuestBinaries {

    private GuestBinaries() {
    }

    /** The guest agent, which serves in a booted image with {@code --serve}. */
    public static byte[] agent() throws IOException {
        return GuestImage.resource("kbench-agent");
    }

    /** A built-in workload by name (see {@link GuestImage#builtInWorkloads()}). */
    public static byte[] workload(String name) throws IOException {
        if (!GuestImage.builtInWorkloads().contains(name)) {
            throw new IOException("unknown workload '" + name + "': the built-in ones are " + GuestImage.builtInWorkloads());
        }
        return GuestImage.resource("workloads/" + name);
    }
}
