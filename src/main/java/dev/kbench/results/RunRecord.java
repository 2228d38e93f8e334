package dev.kbench.results;

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
 */
public record RunRecord(String time, String benchmark, String kernel, String workload, String vm, String accel,
        RunPhase phase, int iteration, Long value, long wallNs, String error, Integer round, Integer position, RoundTime spent, Long operations) {

    public boolean measured() {
        return phase == RunPhase.MEASUREMENT && value != null;
    }

    /** A workload's run, warm-up or measured, failed or not; not a record about a boot, a round or the experiment. */
    public boolean workloadRun() {
        return phase == RunPhase.WARMUP || phase == RunPhase.MEASUREMENT;
    }
}
