package dev.kbench.results;

import java.util.Objects;

/**
 * The host a shard of an experiment ran on, as its run log and setup record it: what {@code
 * kbench merge} groups rounds by (hosts are blocks in the analysis, shards of one machine one
 * host: {@link #sameMachine}) and checks across shards (one kbench build, one accelerator).
 *
 * @param name the host's name (from /proc, no name lookup)
 * @param cpuModel the first CPU's model name
 * @param cores the CPUs this process may use
 * @param kernel the host kernel's release
 * @param qemu QEMU's first line of {@code --version}
 * @param accel the accelerator the experiment's VMs ran under ({@code kvm}, {@code tcg}, {@code icount})
 * @param kbench kbench's version
 * @param commit the commit kbench was built from ({@code -modified} when its tree had changes), or {@code unknown}
 */
public record HostFingerprint(String name, String cpuModel, int cores, String kernel, String qemu, String accel, String kbench, String commit) {

    /** The build, as one token: what every shard of one experiment must share. */
    public String build() {
        return "kbench " + kbench + " (" + commit + ")";
    }

    /**
     * Whether {@code other} is this very machine: the same name, CPU model, kernel and QEMU. The
     * CPUs a process may use are left out: they are the process's share of the machine, which
     * {@code --jobs} or a scheduler splits among shards, not what the machine is.
     */
    public boolean sameMachine(HostFingerprint other) {
        return Objects.equals(name, other.name) && Objects.equals(cpuModel, other.cpuModel) && Objects.equals(kernel, other.kernel)
                && Objects.equals(qemu, other.qemu);
    }

    /** "node1 (Intel Xeon ..., 16 CPUs, Linux 6.1.0)". */
    public String describe() {
        return name + " (" + cpuModel + ", " + cores + " CPUs, Linux " + kernel + ")";
    }
}
