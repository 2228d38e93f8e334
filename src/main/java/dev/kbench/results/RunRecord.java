package dev.kbench.results;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One workload run as kbench records it the moment it ends, independent of JMH: JMH keeps a
 * failed parameter set's results nowhere and writes its JSON only at the end.
 *
 * @param vm a unique id of the VM (one per fork), from which rounds are numbered
 * @param phase a warm-up or measured run, or {@code BOOT} for a VM that did not boot
 * @param value the integer the workload printed, or null when the run failed
 * @param error why the run failed, or null
 * @param round the experiment's round, or null outside {@code kbench run} (and in logs written before it was recorded)
 * @param position the VM's position among the kernels of its round (0 = first), or null likewise
 * @param spent for a {@link RunPhase#ROUND} record, where the round's time went; null otherwise
 * @param operations the operation count the workload was given (its argument), or null: it ran as it is
 * @param host for a {@link RunPhase#HOST} record, the host the experiment (or its shard) runs on; null otherwise, and not written
 */
public record RunRecord(String time, String benchmark, String kernel, String workload, String vm, String accel,
        RunPhase phase, int iteration, Long value, long wallNs, String error, Integer round, Integer position, RoundTime spent, Long operations,
        @JsonInclude(JsonInclude.Include.NON_NULL) HostFingerprint host) {

    /** A record about a run, a boot, a round or the experiment: no host. */
    public RunRecord(String time, String benchmark, String kernel, String workload, String vm, String accel, RunPhase phase, int iteration,
            Long value, long wallNs, String error, Integer round, Integer position, RoundTime spent, Long operations) {
        this(time, benchmark, kernel, workload, vm, accel, phase, iteration, value, wallNs, error, round, position, spent, operations, null);
    }

    /** The record an experiment (or its shard) starts its run log with: where it runs. */
    public static RunRecord host(String time, HostFingerprint host) {
        return new RunRecord(time, null, null, null, null, host.accel(), RunPhase.HOST, 0, null, 0, null, null, null, null, null, host);
    }

    public boolean measured() {
        return phase == RunPhase.MEASUREMENT && value != null;
    }

    /** A workload's run, warm-up or measured, failed or not; not a record about a boot, a round or the experiment. */
    public boolean workloadRun() {
        return phase == RunPhase.WARMUP || phase == RunPhase.MEASUREMENT;
    }
}
