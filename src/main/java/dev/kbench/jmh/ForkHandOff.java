package dev.kbench.jmh;

import dev.kbench.Settings;
import dev.kbench.plan.GuestSettings;
import dev.kbench.plan.RoundSlot;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The one way kbench's settings reach a JMH fork, which is another JVM: the parent writes them
 * to a file beside its outputs and names it in one JVM argument; the fork reads it back. A fork
 * started by hand ({@code java -jar benchmarks.jar}) has no such file and reads the environment.
 *
 * @param file where the settings are written, so that the JMH JSON's {@code jvmArgs} name a file that stays
 * @param slot the round (and position in it) this fork measures, for its run log records; empty outside {@code kbench run}
 */
public record ForkHandOff(GuestSettings settings, Path file, Optional<RoundSlot> slot) {

    private static final String SETTINGS = "kbench.settings";
    private static final String SLOT = "kbench.round";

    /** What this JVM was handed, or the environment's settings when it was started without kbench. */
    public static Received received() {
        String file = System.getProperty(SETTINGS);
        String slot = System.getProperty(SLOT);
        try {
            if (file == null) {
                return new Received(GuestSettings.from(Settings.fromEnvironment()), Optional.empty());
            }
            Properties properties = new Properties();
            try (Reader in = Files.newBufferedReader(Path.of(file))) {
                properties.load(in);
            }
            return new Received(GuestSettings.fromProperties(properties),
                    Optional.ofNullable(slot).map(RoundSlot::parse));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read kbench's settings for this JMH fork from " + Optional.ofNullable(file)
                    .orElse("the environment") + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether a JVM argument is this fork's alone (its round), and so false of a file that
     * merges every round's fork: the settings file is the same for all of them.
     */
    public static boolean perFork(String jvmArg) {
        return jvmArg.startsWith("-D" + SLOT + "=");
    }

    /** What a fork received: the settings, and its round slot when {@code kbench run} started it. */
    public record Received(GuestSettings settings, Optional<RoundSlot> slot) {
    }

    /** Writes the settings and returns the JVM arguments that hand them to a fork. */
    List<String> jvmArgs() throws IOException {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (Writer out = Files.newBufferedWriter(file)) {
                settings.toProperties().store(out, "kbench's settings for its JMH forks");
            }
        } catch (IOException e) {
            throw new IOException("cannot write " + file + ": " + (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null
                    ? fs.getReason() : e.getMessage()), e);
        }
        List<String> args = new ArrayList<>(List.of("-D" + SETTINGS + "=" + file.toAbsolutePath()));
        slot.ifPresent(s -> args.add("-D" + SLOT + "=" + s.text()));
        return args;
    }
}
