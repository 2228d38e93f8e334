package dev.kbench.results;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Which part of a round a run log record belongs to. */
public enum RunPhase {
    /** Runs after a boot that are not measured. */
    WARMUP,
    /** Measured runs: the values every output is made of. */
    MEASUREMENT,
    /** Not a run: the VM did not boot. */
    BOOT;

    /** As written in the run log: warmup, measurement or boot. */
    @JsonValue
    public String logName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
