package dev.kbench;

import java.util.Optional;

/**
 * Settings every kbench process reads the same way, so a JMH fork behaves like its parent:
 * a system property ({@code -Dkbench.run.log=...}) wins over the environment variable
 * ({@code KBENCH_RUN_LOG}).
 */
public final class Settings {

    private Settings() {
    }

    public static Optional<String> get(String envName) {
        String property = System.getProperty(envName.toLowerCase().replace('_', '.'));
        String value = property != null ? property : System.getenv(envName);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}
