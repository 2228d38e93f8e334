package dev.kbench.kernel.builder;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.KbenchException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkerPatchTest {

    @TempDir
    Path tmp;

    @Test
    void aTreeItDoesNotFitIsNamedWithItsFailingFilesAndLeftAlone() throws Exception {
        Path tree = tmp.resolve("linux");
        Files.createDirectories(tree.resolve("init"));
        Files.writeString(tree.resolve("init/main.c"), "int main(void) { return 0; }\n");
        KbenchException e = assertThrows(KbenchException.class, () -> MarkerPatch.applyTo(tree, "5.4.0"));
        assertTrue(e.getMessage().startsWith("kbench's marker patch does not apply to Linux 5.4.0 in " + tree
                + " (it is written for Linux 6.1"), e.getMessage());
        assertTrue(e.getMessage().contains("FAILED") || e.getMessage().contains("can't find file"), e.getMessage());
        assertTrue(Files.readString(tree.resolve("init/main.c")).equals("int main(void) { return 0; }\n"), "the dry run changed nothing");
    }

    @Test
    void itWritesEverySuiteMarkerButFgKaslrs() throws Exception {
        String patch = MarkerPatch.text();
        for (int marker : MarkerPatch.MARKERS) {
            String hex = String.format("0x%02x", marker);
            assertTrue(patch.contains("kbench_marker(" + hex + ")") || patch.contains("$" + hex + ", %al"), hex + " is not written");
        }
        for (String fg : new String[] {"0x0a", "0x0b", "0x0e", "0x0f"}) {
            assertTrue(!patch.contains("kbench_marker(" + fg + ")"), fg);
        }
    }
}
