package dev.kbench.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.Settings;
import dev.kbench.guest.Transport;
import dev.kbench.kernel.KernelSources;
import dev.kbench.kernel.Variants;
import dev.kbench.vm.DiskModel;
import dev.kbench.vm.NetModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuestSettingsTest {

    @TempDir
    Path tmp;

    @Test
    void theEnvironmentSetsWhatItNamesAndKbenchsDefaultsTheRest() throws Exception {
        Path variants = Files.writeString(tmp.resolve("v.conf"), "caponly = default lsm=capability\n");
        Settings env = Settings.of(Map.of("KBENCH_CACHE", tmp.resolve("cache").toString(), "KBENCH_VARIANTS", variants.toString(),
                "KBENCH_RUN_TIMEOUT", "42", "KBENCH_KEY", "/keys/id"), "/home/u");
        GuestSettings settings = GuestSettings.from(env);
        assertEquals(tmp.resolve("cache"), settings.cache().root());
        assertEquals(Map.of("caponly", "default lsm=capability"), settings.kernels().variants().definitions());
        assertEquals(Duration.ofSeconds(42), settings.runTimeout());
        assertEquals(Duration.ofSeconds(120), settings.bootTimeout());
        assertEquals(Path.of("/keys/id"), settings.key());
        assertEquals(Transport.AGENT, settings.transport());
        assertEquals(Path.of("kbench-runs.jsonl").toAbsolutePath(), settings.runLog());
        assertEquals(Path.of("/home/u/.ssh/id_rsa"), GuestSettings.from(Settings.of(Map.of(), "/home/u")).key());
    }

    @Test
    void aForkReadsBackExactlyWhatItsParentWrote() throws Exception {
        GuestSettings settings = GuestSettings.from(Settings.of(Map.of("KBENCH_CACHE", tmp.toString()), "/home/u"))
                .withKernels(new KernelSources(Variants.of("a = default lsm=capability,yama\nb = /k/bzImage nokaslr\n"),
                        Optional.of(Path.of("/k/default")), Optional.of(Path.of("/k/modules"))))
                .withImageAccess(Path.of("/keys/id"), Transport.SSH, DiskModel.NVME, NetModel.VIRTIO_NET)
                .withRunTimeout(Duration.ofSeconds(7)).withRunLog(tmp.resolve("out.runs.jsonl")).withBootLog(tmp.resolve("b.jsonl"));
        assertEquals(settings, GuestSettings.fromProperties(settings.toProperties()));
    }

    @Test
    void aMissingKeyInTheHandOffIsNamed() throws Exception {
        GuestSettings settings = GuestSettings.from(Settings.of(Map.of("KBENCH_CACHE", tmp.toString()), "/home/u"));
        var properties = settings.toProperties();
        properties.remove("transport");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GuestSettings.fromProperties(properties));
        assertEquals("kbench's settings for this JMH fork lack 'transport'", e.getMessage());
    }

    @Test
    void aTimeoutThatIsNotPositiveIsRefused() throws Exception {
        GuestSettings settings = GuestSettings.from(Settings.of(Map.of("KBENCH_CACHE", tmp.toString()), "/home/u"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> settings.withRunTimeout(Duration.ZERO));
        assertTrue(e.getMessage().startsWith("timeouts must be positive"), e.getMessage());
    }

    @Test
    void aBadNumberInTheEnvironmentNamesTheVariable() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Settings.of(Map.of("KBENCH_BOOT_TIMEOUT", "soon"), "/home/u"));
        assertEquals("$KBENCH_BOOT_TIMEOUT must be a number of seconds, not 'soon'", e.getMessage());
    }
}
