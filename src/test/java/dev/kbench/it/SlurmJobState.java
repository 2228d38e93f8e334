package dev.kbench.it;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code scontrol show job} says of one job or array task of a {@link SlurmTestCluster};
 * {@code exitCode} is meaningful once {@link #ended()}. The reading of scontrol's line is here,
 * beside the fields it fills, so the cluster only runs the command.
 */
record SlurmJobState(String jobId, String state, int exitCode, int signal, String reason) {

    // Slurm's base states from which a job never moves on (COMPLETING is not one: its processes may still run)
    private static final Set<String> FINAL = Set.of("COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "NODE_FAIL", "PREEMPTED",
            "OUT_OF_MEMORY", "BOOT_FAIL", "DEADLINE");

    boolean ended() {
        return FINAL.contains(state);
    }

    @Override
    public String toString() {
        return jobId + " " + state + " exit " + exitCode + ":" + signal + " (" + reason + ")";
    }

    /** The state of the one job or array task on a line of {@code scontrol --oneliner show job}. */
    static SlurmJobState parse(String line) {
        // a task of an array is named ArrayJobId_ArrayTaskId, as sbatch and scancel name it; its
        // JobId is a number of its own (the last task even reuses the array's)
        String id = field(line, "ArrayJobId").map(array -> array + "_" + field(line, "ArrayTaskId").orElse("?"))
                .orElseGet(() -> field(line, "JobId").orElse("?"));
        String[] exit = field(line, "ExitCode").orElse("-1:0").split(":");
        return new SlurmJobState(id, field(line, "JobState").orElse("?"), Integer.parseInt(exit[0]), Integer.parseInt(exit[1]),
                field(line, "Reason").orElse("?"));
    }

    private static Optional<String> field(String line, String key) {
        Matcher m = Pattern.compile("(?:^|\\s)" + Pattern.quote(key) + "=(\\S*)").matcher(line);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
