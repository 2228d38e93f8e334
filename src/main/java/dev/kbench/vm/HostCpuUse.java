package dev.kbench.vm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * How much CPU time the CPUs this process may run on have spent busy, and how much of it was
 * kbench's (the kbench process, its JMH forks and their VMs), at one moment: two of them give the CPU time
 * other processes took on those CPUs in between. Under TCG and KVM a run's time takes in that
 * load (a neighbour busy in bursts doubled the rounds the demo's comparison needed here once: docs/statistics.md);
 * under icount it does not.
 *
 * <p>Both come from the kernel's tick counters ({@code /proc/stat}'s per-CPU lines, each
 * process's {@code /proc/PID/stat}), so they are as coarse as its clock ticks. A process's own
 * count includes its reaped children's ({@code cutime}, {@code cstime}), so a VM that exited
 * between two samples is still counted as ours.
 *
 * @param busyTicks busy ticks (user, nice, system, irq, softirq, steal) of this process's CPUs since boot
 * @param ownTicks ticks kbench's process and its live descendants have run, their reaped children included
 */
public record HostCpuUse(long busyTicks, long ownTicks) {

    /** Linux's USER_HZ, the unit of both files on every architecture kbench runs on. */
    static final long TICKS_PER_SECOND = 100;

    /** A sample that could not be taken: nothing is known since it. */
    static final HostCpuUse UNKNOWN = new HostCpuUse(-1, -1);

    /**
     * Now, for the CPUs this process may run on; {@link #UNKNOWN} where /proc cannot say (a
     * measurement aid never stops a run).
     */
    public static HostCpuUse now() {
        try {
            Set<Integer> cpus = Set.copyOf(HostCpus.ofThisProcess().cpus());
            ProcessHandle kbench = kbench();
            long own = ticksOf(kbench.pid());
            for (ProcessHandle descendant : kbench.descendants().toList()) {
                own += ticksOf(descendant.pid());
            }
            return new HostCpuUse(busyTicks(Files.readAllLines(Path.of("/proc/stat")), cpus), own);
        } catch (IOException | RuntimeException e) {
            return UNKNOWN;
        }
    }

    /**
     * The kbench process whose tree is ours: a JMH fork's parent, the kbench that forked it, when
     * it runs the same Java (its progress and results are kbench's work, not another's); else this process.
     */
    static ProcessHandle kbench() {
        ProcessHandle self = ProcessHandle.current();
        return self.parent().filter(parent -> parent.info().command().isPresent()
                && parent.info().command().equals(self.info().command())).orElse(self);
    }

    /**
     * The CPU time, in nanoseconds, other processes took on these CPUs since {@code earlier} (never
     * below 0: the counters tick apart; 0 when either sample is unknown).
     */
    public long othersNsSince(HostCpuUse earlier) {
        if (this.equals(UNKNOWN) || earlier.equals(UNKNOWN)) {
            return 0;
        }
        long ticks = (busyTicks - earlier.busyTicks) - (ownTicks - earlier.ownTicks);
        return Math.max(0, ticks) * (1_000_000_000L / TICKS_PER_SECOND);
    }

    /** The busy ticks of {@code cpus} in {@code /proc/stat}'s lines ({@code cpuN user nice system idle iowait irq softirq steal ...}). */
    static long busyTicks(List<String> procStat, Set<Integer> cpus) {
        long busy = 0;
        for (String line : procStat) {
            String[] fields = line.trim().split("\\s+");
            if (fields[0].length() <= 3 || !fields[0].startsWith("cpu") || !cpus.contains(Integer.parseInt(fields[0].substring(3)))) {
                continue;
            }
            // idle (4) and iowait (5) are not busy; guest time is already counted in user
            for (int field : new int[] {1, 2, 3, 6, 7, 8}) {
                if (field < fields.length) {
                    busy += Long.parseLong(fields[field]);
                }
            }
        }
        return busy;
    }

    /** A process's utime, stime, cutime and cstime; 0 for one that has gone meanwhile. */
    static long ticksOf(long pid) throws IOException {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        } catch (NoSuchFileException e) {
            return 0;
        }
        return ticks(stat);
    }

    /** The four CPU-time fields of a {@code /proc/PID/stat} line: fields 14-17, counted after the command's closing parenthesis. */
    static long ticks(String stat) {
        // the command name may hold spaces and parentheses; the fields after it do not
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        // fields[0] is field 3 (state): utime, stime, cutime and cstime (fields 14-17) are fields[11] to fields[14]
        long ticks = 0;
        for (int i = 11; i <= 14; i++) {
            ticks += Long.parseLong(fields[i]);
        }
        return ticks;
    }
}
