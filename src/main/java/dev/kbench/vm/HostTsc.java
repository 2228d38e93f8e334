package dev.kbench.vm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The host's TSC frequency, for guests that cannot measure their own: under TCG a guest's TSC
 * ticks with the host's, and on microvm (no PIT gate, no HPET, no ACPI PM timer) the kernel
 * cannot calibrate it, marks it unstable and then hangs early in one boot out of ten or so.
 * Handing it {@code tsc_early_khz} skips the calibration.
 */
final class HostTsc {

    private HostTsc() {
    }

    /** The TSC frequency in kHz when the host's TSC is constant (so "cpu MHz" is its rate), else empty. */
    static OptionalLong khz() {
        try {
            String cpuinfo = Files.readString(Path.of("/proc/cpuinfo"));
            if (!cpuinfo.contains(" constant_tsc")) {
                return OptionalLong.empty();
            }
            for (String line : cpuinfo.split("\n")) {
                if (line.startsWith("cpu MHz")) {
                    return OptionalLong.of(Math.round(Double.parseDouble(line.substring(line.indexOf(':') + 1).strip()) * 1000));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // no hint then: the kernel calibrates as best it can
        }
        return OptionalLong.empty();
    }
}
