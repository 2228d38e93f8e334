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
    BOOT,
    /** Not a run: a round's VM has closed; its record says where the round's time went ({@link RunRecord#spent()}). */
    ROUND,
    /** Not a run: the host the experiment, or its shard, runs on ({@link RunRecord#host()}); written before its first boot. */
    HOST,
    /** Not a run: the experiment has ended; its wall time is the whole experiment's, from the command's start. */
    EXPERIMENT;

    /** As written in the run log: warmup, measurement, boot, round, host or experiment. */
    @JsonValue
    public String logName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
