package dev.kbench.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.kernel.Kernel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's build: what the host compares with the marker kbench's initramfs leaves in an image. */
class GuestBinariesTest {

    @TempDir
    Path tmp;

    @Test
    void theAgentsBuildIsTheCrcAndSizeOfItsBytes() throws Exception {
        byte[] agent = GuestBinaries.agent();
        CRC32 crc = new CRC32();
        crc.update(agent);
        assertEquals(String.format("%08x-%d", crc.getValue(), agent.length), GuestBinaries.agentBuild());
        assertFalse(GuestBinaries.agentBuild().equals(GuestBinaries.build("kbench-loop-init")), "another binary, another build");
    }

    @Test
    void anInitramfsWithTheAgentAsInitSaysWhichBuildItIs() throws Exception {
        Kernel kernel = new Kernel("k", tmp.resolve("bzImage"), "", Optional.empty());
        byte[] archive = Files.readAllBytes(new GuestImage(tmp.resolve("cache")).buildFor(kernel));
        String text = new String(archive, StandardCharsets.ISO_8859_1);
        int at = text.indexOf(GuestBinaries.AGENT_BUILD_FILE + "\0");
        assertTrue(at >= 0, "no " + GuestBinaries.AGENT_BUILD_FILE + " in the initramfs");
        assertTrue(text.indexOf(GuestBinaries.agentBuild(), at) > at, "the marker does not hold " + GuestBinaries.agentBuild());

        byte[] loop = Files.readAllBytes(new GuestImage(tmp.resolve("cache")).init("kbench-loop-init").buildFor(kernel));
        assertFalse(new String(loop, StandardCharsets.ISO_8859_1).contains(GuestBinaries.AGENT_BUILD_FILE), "another init claims no agent build");
    }
}
