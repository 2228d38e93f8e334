package dev.kbench.guest;

import dev.kbench.KbenchException;
import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.util.jar.JarEntry;
import java.util.zip.CRC32;

/**
 * kbench's static guest programs (the agent, the built-in workloads) as bytes, for copying
 * into a guest that is already running, such as a disk image reached over SSH.
 */
public final class GuestBinaries {

    /**
     * Where an initramfs says which build its agent ({@code /init}) is; its initrd mode copies
     * both into the image's {@code /run/kbench}, where the host looks for this build.
     */
    public static final String AGENT_BUILD_FILE = "kbench-agent.build";

    private GuestBinaries() {
    }

    /** The guest agent, which serves in a booted image with {@code --serve}. */
    public static byte[] agent() throws IOException {
        return GuestImage.resource("kbench-agent");
    }

    /** Which build {@link #agent()} is, e.g. {@code 1f2e3d4c-801000}: see {@link #build(String)}. */
    public static String agentBuild() throws IOException {
        return build("kbench-agent");
    }

    /**
     * A guest binary's CRC-32 and size, as its jar entry records them (so no byte is read), or
     * computed from its bytes when it is no jar's (tests run from the classes folder). Two
     * binaries with the same value are the same build for all that kbench needs to know: the
     * agent a host finds in an image, and the initramfs cache's key ({@link GuestImage}).
     */
    static String build(String binary) throws IOException {
        URL url = GuestImage.class.getClassLoader().getResource(GuestImage.RESOURCES + binary);
        if (url != null && url.openConnection() instanceof JarURLConnection jar) {
            jar.setUseCaches(true); // the class loader's open jar, not a second copy of its index
            JarEntry entry = jar.getJarEntry();
            if (entry.getCrc() >= 0 && entry.getSize() >= 0) {
                return format(entry.getCrc(), entry.getSize());
            }
        }
        byte[] bytes = GuestImage.resource(binary);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return format(crc.getValue(), bytes.length);
    }

    private static String format(long crc, long size) {
        return String.format("%08x-%d", crc, size);
    }

    /** A built-in workload by name (see {@link GuestImage#builtInWorkloads()}). */
    public static byte[] workload(String name) throws IOException {
        if (!GuestImage.builtInWorkloads().contains(name)) {
            throw new KbenchException(KbenchException.Kind.BAD_INPUT, "unknown workload '" + name + "': the built-in ones are " + GuestImage.builtInWorkloads());
        }
        return GuestImage.resource("workloads/" + name);
    }
}
