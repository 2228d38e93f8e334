package dev.kbench.jmh;

import dev.kbench.Settings;
import dev.kbench.plan.GuestSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The one way a {@link ForkPlan} reaches a JMH fork, which is another JVM: the parent writes it
 * to a file and names it in one JVM argument, {@code -Dkbench.plan=FILE}; the fork reads it back.
 * A system property is the only channel JMH opens into a forked JVM besides its {@code @Param}
 * values, and a {@code @Param} would make every round's plan a parameter of the JMH result. A fork
 * started by hand ({@code java -jar benchmarks.jar}) has no plan and reads the environment.
 *
 * @param file where the plan is written, so that the fork's JMH result names a file that stays
 */
public record ForkHandOff(ForkPlan plan, Path file) {

    private static final String PLAN = "kbench.plan";
    /** What kbench before the plan handed a fork its round with: a fork kept then still carries it. */
    private static final String OLD_SLOT = "kbench.round";

    /** What this JVM was handed, or the environment's settings when it was started without kbench. */
    public static ForkPlan received() {
        String file = System.getProperty(PLAN);
        try {
            if (file == null) {
                return ForkPlan.of(GuestSettings.from(Settings.fromEnvironment()));
            }
            return ForkPlan.fromJson(Files.readAllBytes(Path.of(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read this JMH fork's plan from " + (file == null ? "the environment" : file) + ": "
                    + e.getMessage() + "; run it through kbench, or by hand without -D" + PLAN, e);
        }
    }

    /**
     * Whether a JVM argument is one round's fork's alone (its plan names its round), and so not one
     * of a file that merges every round's fork.
     */
    public static boolean perFork(String jvmArg) {
        return jvmArg.startsWith("-D" + PLAN + "=") || jvmArg.startsWith("-D" + OLD_SLOT + "=");
    }

    /** Writes the plan, whole or not at all, and returns the JVM argument that hands it to a fork. */
    List<String> jvmArgs() throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(partial, plan.toJson());
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IOException("cannot write " + file + ": " + (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null
                    ? fs.getReason() : e.getMessage()) + "; free room there or give -o another folder", e);
        }
        return List.of("-D" + PLAN + "=" + file.toAbsolutePath());
    }
}
