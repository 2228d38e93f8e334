package dev.kbench.jmh;

import dev.kbench.Settings;
import dev.kbench.plan.GuestSettings;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;

/**
 * The one way kbench's settings reach a JMH fork, which is another JVM: the parent writes them
 * to a file beside its outputs and names it in one JVM argument; the fork reads it back. A fork
 * started by hand ({@code java -jar benchmarks.jar}) has no such file and reads the environment.
 *
 * @param file where the settings are written, so that the JMH JSON's {@code jvmArgs} name a file that stays
 * @param round the round this fork measures, for its run log records; empty outside {@code kbench run}
 */
public record ForkHandOff(GuestSettings settings, Path file, OptionalInt round) {

    private static final String SETTINGS = "kbench.settings";
    private static final String ROUND = "kbench.round";

    /** What this JVM was handed, or the environment's settings when it was started without kbench. */
    public static Received received() {
        String file = System.getProperty(SETTINGS);
        String round = System.getProperty(ROUND);
        try {
            if (file == null) {
                return new Received(GuestSettings.from(Settings.fromEnvironment()), OptionalInt.empty());
            }
            Properties properties = new Properties();
            try (Reader in = Files.newBufferedReader(Path.of(file))) {
                properties.load(in);
            }
            return new Received(GuestSettings.fromProperties(properties),
                    round == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(round)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read kbench's settings for this JMH fork from " + Optional.ofNullable(file)
                    .orElse("the environment") + ": " + e.getMessage(), e);
        }
    }

    /** What a fork received: the settings, and its round when {@code kbench run} started it. */
    public record Received(GuestSettings settings, OptionalInt round) {
    }

    /** Writes the settings and returns the JVM arguments that hand them to a fork. */
    List<String> jvmArgs() throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (Writer out = Files.newBufferedWriter(file)) {
            settings.toProperties().store(out, "kbench's settings for its JMH forks");
        }
        List<String> args = new ArrayList<>(List.of("-D" + SETTINGS + "=" + file.toAbsolutePath()));
        round.ifPresent(r -> args.add("-D" + ROUND + "=" + r));
        return args;
    }
}
