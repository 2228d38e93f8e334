package dev.kbench.run;

import dev.kbench.results.Measure;
import dev.kbench.results.RunCosts;
import dev.kbench.results.RunLog;
import dev.kbench.results.RunRecord;
import dev.kbench.results.TimeAccount;
import dev.kbench.results.format.TimeAccountText;
import dev.kbench.vm.Accel;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The shards' run logs joined into the merged experiment's, shard 1 first (their host records say
 * which shard ran where), and from the same bytes what the shards' time went to: each log is read
 * once, and no more than one shard's runs are in memory at once.
 *
 * @param costs each workload's cost of a run and of a round, pooled over the shards, for the measurement plan
 * @param line where the time went, all shards summed; empty when no shard finished
 * @param saved the workload runs the shards ran, and their VMs
 * @param busy the shards' VMs that ran beside other processes' work, and all their VMs
 */
record ShardLogs(Map<String, RunCosts> costs, Optional<String> line, SavedRuns saved, BusyHost busy) {

    /**
     * What the merge of {@code plan}'s shards says of them together, in order: where their time went,
     * the workload runs they saved of {@code workloads}, and, for times (not instructions, which the
     * host's load does not move), whether VMs ran beside other processes' work. Each job said these
     * of its own VMs.
     */
    List<String> lines(int workloads, ExperimentFile plan) {
        List<String> lines = new ArrayList<>();
        line.ifPresent(lines::add);
        saved.line(workloads, plan.schedule().runs(), plan.schedule().warmups()).ifPresent(lines::add);
        if (Measure.ofAccel(Accel.valueOf(plan.machine().accel()).qemuName()) == Measure.TIME) {
            busy.line().ifPresent(lines::add);
        }
        return lines;
    }

    /** Joins {@code logs} (those that exist) into {@code runLog} and sums what they spent on {@code workloads}. */
    static ShardLogs join(List<Path> logs, Set<String> workloads, Path runLog) throws IOException {
        Map<String, List<RunCosts>> byWorkload = new TreeMap<>();
        List<TimeAccount> accounts = new ArrayList<>();
        SavedRuns saved = new SavedRuns(0, 0);
        BusyHost busy = BusyHost.NONE;
        try (OutputStream joined = Files.newOutputStream(runLog)) {
            for (Path log : logs) {
                if (!Files.exists(log)) {
                    continue;
                }
                byte[] bytes = Files.readAllBytes(log);
                joined.write(bytes);
                List<RunRecord> records = RunLog.parse(log, bytes);
                workloads.forEach(workload -> byWorkload.computeIfAbsent(workload, w -> new ArrayList<>()).add(RunCosts.of(records, workload)));
                TimeAccount.of(records).ifPresent(accounts::add);
                saved = saved.plus(SavedRuns.of(records));
                busy = busy.plus(BusyHost.of(records));
            }
        } catch (IOException e) {
            throw new IOException("cannot join the shards' run logs into " + runLog + ": " + e.getMessage(), e);
        }
        Map<String, RunCosts> costs = new TreeMap<>();
        byWorkload.forEach((workload, shards) -> costs.put(workload, RunCosts.pooled(shards)));
        long longest = accounts.stream().mapToLong(TimeAccount::wallNs).max().orElse(0);
        return new ShardLogs(costs, TimeAccount.summed(accounts).map(sum -> accounts.size() == 1 ? TimeAccountText.line(sum)
                : TimeAccountText.line(sum, accounts.size(), longest)), saved, busy);
    }
}
