package dev.kbench.results.format;

import java.time.Duration;

/** Durations as a person reads them in a progress line: {@code 42 s}, {@code 3 min 05 s}, {@code 1 h 02 min}. */
public final class Durations {

    private Durations() {
    }

    public static String human(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format("%d h %02d min", s / 3600, s / 60 % 60)
                : s >= 60 ? String.format("%d min %02d s", s / 60, s % 60) : s + " s";
    }
}
