package dev.kbench.results;

/**
 * One workload run as kbench records it the moment it ends, independent of JMH: JMH keeps a
 * failed parameter set's results nowhere and writes its JSON only at the end.
 *
 * @param vm a unique id of the VM (one per fork), from which rounds are numbered
 * @param phase {@code warmup}, {@code measurement}, or {@code boot} for a VM that did not boot
 * @param value the integer the workload printed, or null when the run failed
 * @param error why the run failed, or null
 */
public record RunRecord(String time, String benchmark, String kernel, String workload, String vm, String accel,
        String phase, int iteration, Long value, long wallNs, String error) {

    public static final String WARMUP = "warmup";
    public static final String MEASUREMENT = "measurement";
    public static final String BOOT = "boot";

    public boolean measured() {
        return MEASUREMENT.equals(phase) && value != null;
    }
}
