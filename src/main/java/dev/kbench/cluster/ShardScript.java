package dev.kbench.cluster;

import java.util.List;

/**
 * The shell command a shard's container runs: {@code kbench run}, the user's options, then
 * {@code --shard K/N} with K from the Indexed Job's {@code JOB_COMPLETION_INDEX} (0-based) + 1.
 * <p>
 * The user's options never pass through the shell's parser: they are the container's
 * {@code args}, which {@code sh -c SCRIPT NAME ARGS...} hands to the script as {@code "$@"}, so
 * no argument, however hostile, can be split, expanded or run. The script itself holds only
 * numbers kbench wrote.
 * <p>
 * With {@code pinnedCpus} &gt; 0 it also pins QEMU and the two vCPUs ({@code kbench run -c}) to
 * the first three CPUs the container may use. Those are known only once the kubelet's CPU manager
 * has picked them, so the script reads them; and it refuses to run when the container may use
 * more or fewer CPUs than it asked for, the sign that the node does not give exclusive CPUs
 * (no static CPU manager policy), so that no shard measures on shared CPUs unnoticed.
 */
record ShardScript(int shards, int pinnedCpus) {

    /** {@code $0} of the script: what {@code ps} and the shell's own error messages call it. */
    static final String SCRIPT_NAME = "kbench-shard";

    /** Where the kernel says which CPUs this process may run on (a test reads another file). */
    static final String STATUS_FILE = "/proc/self/status";

    /** An unset variable is 0 in the shell's arithmetic: without this every pod would run shard 1. */
    private static final String INDEX_CHECK = ": \"${JOB_COMPLETION_INDEX:?is not set: run this as a pod of an Indexed Job}\"";

    ShardScript {
        if (shards < 1) {
            throw new IllegalArgumentException("--shards must be at least 1, not " + shards);
        }
        if (pinnedCpus != 0 && pinnedCpus < 3) {
            throw new IllegalArgumentException("pinning (kbench run -c) needs 3 CPUs, not " + pinnedCpus);
        }
    }

    /** The container's {@code command}; its {@code args} are the run options. */
    List<String> command() {
        return List.of("sh", "-c", text(), SCRIPT_NAME);
    }

    String text() {
        String shard = "--shard \"$((JOB_COMPLETION_INDEX + 1))/" + shards + "\"";
        if (pinnedCpus == 0) {
            return String.join("\n", "set -eu", INDEX_CHECK, "exec kbench run \"$@\" " + shard);
        }
        return String.join("\n",
                "set -eu",
                INDEX_CHECK,
                "# the CPUs the CPU manager gave this container, one a line (the kernel writes them as ranges: 2-3,6)",
                "cpus=$(sed -n 's/^Cpus_allowed_list:[[:space:]]*//p' " + STATUS_FILE
                        + " | tr , '\\n' | while IFS=- read -r first last; do seq \"$first\" \"${last:-$first}\"; done)",
                "if [ \"$(printf '%s\\n' $cpus | wc -l)\" -ne " + pinnedCpus + " ]; then",
                "  echo \"kbench: error: this container may run on the CPUs $(echo $cpus), not on the " + pinnedCpus
                        + " it asked for alone: give its node's kubelet the static CPU manager policy (docs/cluster.md)\" >&2",
                "  exit 1",
                "fi",
                "exec kbench run \"$@\" -c $(printf '%s\\n' $cpus | head -n 3) " + shard);
    }
}
