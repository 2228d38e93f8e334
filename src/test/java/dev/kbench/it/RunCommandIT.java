package dev.kbench.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.ExitStatus;
import dev.kbench.results.JmhResults;
import dev.kbench.results.KernelRounds;
import dev.kbench.results.RunLog;
import dev.kbench.results.RoundTime;
import dev.kbench.results.RunPhase;
import dev.kbench.results.RunRecord;
import dev.kbench.results.TimeAccount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.zeroturnaround.exec.StartedProcess;

/** {@code kbench run} as an lsm-perf user runs it: interleaved rounds, progress, CSV, JSON, table, failures, Ctrl-C. */
class RunCommandIT {

    private static final Path TEST_PROGRAMS = Path.of("target/test-classes/guest-test").toAbsolutePath();

    @TempDir
    Path tmp;

    @Test
    void balancedInterleavedRoundsOfTwoKernelsWithPinningAndADynamicWorkload() throws Exception {
        TestKernel.debianCloud();
        List<String> lines = new ArrayList<>();
        String workload = TEST_PROGRAMS.resolve("dyn_answer").toString();
        int exit = KbenchProcess.run(tmp, lines, "run", "-k", "default", "caponly", "--variant", "caponly=default lsm=capability",
                "-w", workload, "--rounds", "2", "--runs", "2", "--warmups", "1", "-c", "1", "0", "1", "--accel", "tcg",
                "-o", "sweep.csv");
        assertEquals(0, exit, "kbench run failed; its output is above");
        assertEquals(List.of(), QemuProcesses.ours());

        // balanced order: with two kernels, each runs first in one round and second in the other
        List<String> csv = Files.readAllLines(tmp.resolve("sweep.csv"));
        assertEquals("kernel path,round,run 0,run 1", csv.get(0));
        List<String> round0 = csv.subList(1, 3);
        List<String> round1 = csv.subList(3, 5);
        assertTrue(round0.containsAll(List.of("default,0,42,42", "caponly,0,42,42")), "round 0 whole before round 1: " + csv);
        assertTrue(round1.containsAll(List.of("default,1,42,42", "caponly,1,42,42")), "the dynamic workload ran in the guest: " + csv);
        assertEquals(round0.get(0).split(",")[0], round1.get(1).split(",")[0], "who ran first in round 0 runs last in round 1: " + csv);
        List<RunRecord> runs = RunLog.read(tmp.resolve("sweep.runs.jsonl"));
        for (String kernel : List.of("default", "caponly")) {
            assertEquals(java.util.Set.of(0, 1), runs.stream().filter(r -> kernel.equals(r.kernel())).map(RunRecord::position)
                    .collect(java.util.stream.Collectors.toSet()), "each position once: " + runs);
        }
        // every round's VM said where its time went, inside the experiment's wall time
        List<RunRecord> rounds = runs.stream().filter(r -> r.phase() == RunPhase.ROUND).toList();
        assertEquals(4, rounds.size(), "a round record per kernel and round: " + rounds);
        for (RunRecord round : rounds) {
            RoundTime spent = round.spent();
            assertTrue(spent.bootNs() > 0 && spent.setupNs() > 0 && spent.runsNs() > 0 && spent.teardownNs() > 0, round.toString());
            assertEquals(spent.totalNs(), round.wallNs());
        }
        TimeAccount account = TimeAccount.of(runs).orElseThrow();
        assertTrue(account.spent().totalNs() < account.wallNs(), "the rounds happened within the experiment: " + account);
        assertTrue(lines.stream().anyMatch(l -> l.matches("kbench: time: boots [0-9.]+ %, setup [<0-9. ]+ %, runs [0-9.]+ %, teardown [<0-9. ]+ %, "
                + "kbench [<0-9. ]+ % of [0-9mins ]+ \\(4 rounds\\)")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.matches("Order: balanced \\(.*\\), seed [0-9]+ \\(--order balanced --seed [0-9]+ repeats it\\)")),
                lines.toString());
        assertTrue(lines.contains("Starting round 0"), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.matches("Starting round 1 \\(ETA [0-9hmins ]+\\)")), lines.toString());
        assertTrue(lines.contains("\tEvaluating caponly: 100% average=42, stdev=0"), lines.toString());
        assertTrue(lines.stream().noneMatch(l -> l.contains("\r")), "no carriage returns when not on a terminal");

        List<KernelRounds> json = JmhResults.read(tmp.resolve("sweep.json"));
        assertEquals(List.of(new KernelRounds("default", List.of(List.of(42L, 42L), List.of(42L, 42L))),
                new KernelRounds("caponly", List.of(List.of(42L, 42L), List.of(42L, 42L)))), json);
        byte[] png = Files.readAllBytes(tmp.resolve("sweep.png"));
        assertTrue(png.length > 5000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "the box plot");
        String table = Files.readString(tmp.resolve("sweep.comparison.md"));
        assertTrue(table.contains("| caponly | 2 | 4 | 42.0 | 0.0 |"), table);
    }

    @Test
    void aSuiteRunsEveryWorkloadOnOneBootPerKernelAndRound() throws Exception {
        TestKernel.debianCloud();
        List<String> lines = new ArrayList<>();
        String answer = TEST_PROGRAMS.resolve("dyn_answer").toString();
        String countArgs = TEST_PROGRAMS.resolve("count_args").toString();
        int exit = KbenchProcess.run(tmp, lines, "run", "-k", "default", "caponly", "--variant", "caponly=default lsm=capability",
                "-w", answer + ",getppid," + countArgs, "--rounds", "2", "--runs", "2", "--warmups", "1", "--accel", "tcg",
                "--order", "fixed", "-o", "suite.csv");
        assertEquals(0, exit, "kbench run failed; its output is above");
        assertEquals(List.of(), QemuProcesses.ours());

        assertEquals(List.of("kernel path,round,run 0,run 1", "default,0,42,42", "caponly,0,42,42", "default,1,42,42", "caponly,1,42,42"),
                Files.readAllLines(tmp.resolve("suite.dyn_answer.csv")), "one lsm-perf CSV per workload, rounds interleaved");
        assertEquals(List.of("kernel path,round,run 0,run 1", "default,0,0,0", "caponly,0,0,0", "default,1,0,0", "caponly,1,0,0"),
                Files.readAllLines(tmp.resolve("suite.count_args.csv")));
        List<String> getppid = Files.readAllLines(tmp.resolve("suite.getppid.csv"));
        assertEquals(5, getppid.size(), getppid.toString());
        assertTrue(getppid.get(4).matches("caponly,1,[1-9][0-9]*,[1-9][0-9]*"), getppid.toString());

        List<RunRecord> runs = RunLog.read(tmp.resolve("suite.runs.jsonl")).stream().filter(RunRecord::workloadRun).toList();
        assertEquals(4, runs.stream().map(RunRecord::vm).distinct().count(), "one VM per kernel and round, not per workload");
        assertEquals(2 * 2 * 3 * 3, runs.size(), "every workload ran once per pass: 1 warm-up + 2 measured passes");
        assertEquals(List.of(answer, "getppid", countArgs), runs.subList(0, 3).stream().map(RunRecord::workload).toList(), "in the given order");

        List<KernelRounds> json = JmhResults.read(tmp.resolve("suite.json"));
        assertEquals(6, json.size(), json.toString());
        assertEquals(new KernelRounds("caponly [workload=" + answer + "]", List.of(List.of(42L, 42L), List.of(42L, 42L))), json.get(3));
        String report = Files.readString(tmp.resolve("suite.html"));
        assertTrue(report.contains("getppid") && report.contains("count_args"), "the HTML report covers every workload");
        assertTrue(lines.stream().anyMatch(l -> l.matches("\tEvaluating caponly: pass 3/3 \\(measured\\) in [0-9.]+ s")), "a line per pass: " + lines);
        String table = Files.readString(tmp.resolve("suite.comparison.md"));
        assertTrue(table.contains("# getppid") && table.contains("| caponly | 2 | 4 | 42.0 | 0.0 |"), table);
    }

    @Test
    void aWorkloadThatCrashesInASuiteIsNamedAndTheOthersRowsAreKept() throws Exception {
        TestKernel.debianCloud();
        List<String> lines = new ArrayList<>();
        String segv = TEST_PROGRAMS.resolve("segv").toString();
        int exit = KbenchProcess.run(tmp, lines, "run", "-k", "default", "-w", "getppid," + segv,
                "--rounds", "1", "--runs", "1", "--warmups", "0", "--accel", "tcg");
        assertEquals(ExitStatus.STOPPED.code(), exit);
        String error = lines.stream().filter(l -> l.startsWith("kbench: error: ")).findFirst().orElse("");
        assertTrue(error.startsWith("kbench: error: kernel default, round 0: workload " + segv + " on kernel default (round 0, measurement run 0"),
                lines.toString());
        assertEquals(List.of("kernel path,round,run 0"), Files.readAllLines(tmp.resolve("lsm-perf.getppid.csv")),
                "a round is kept whole or not at all");
        // the log starts with the host it ran on, then the runs
        List<RunRecord> runs = RunLog.read(tmp.resolve("lsm-perf.runs.jsonl")).stream().filter(RunRecord::workloadRun).toList();
        assertTrue(runs.get(0).workload().equals("getppid") && runs.get(0).value() > 0, "getppid's run is in the run log: " + runs);
        assertEquals(List.of(), QemuProcesses.ours());
    }

    @Test
    void anUnknownWorkloadIsRefusedBeforeAnyBoot() throws Exception {
        List<String> lines = new ArrayList<>();
        int exit = KbenchProcess.run(tmp, lines, "run", "-k", "default", "-w", "getppid,getpid", "--accel", "tcg");
        assertEquals(ExitStatus.BAD_INPUT.code(), exit);
        String last = lines.get(lines.size() - 1);
        assertTrue(last.startsWith("kbench: error: unknown workload 'getpid': give a path (./getpid) or one of the built-in ones, "), last);
    }

    @Test
    void aKernelThatDoesNotBootSaysWhereItsConsoleStopped() throws Exception {
        TestKernel.debianCloud();
        List<String> lines = new ArrayList<>();
        // no init where the kernel is told to look: it panics, and panic=-1 ends QEMU
        int exit = KbenchProcess.run(tmp, lines, "run", "-k", "noinit", "--variant", "noinit=default rdinit=/no/such/init",
                "--rounds", "1", "--runs", "1", "--warmups", "0", "--accel", "tcg");
        assertEquals(ExitStatus.STOPPED.code(), exit);
        String all = String.join("\n", lines);
        assertTrue(all.contains("kbench: error: kernel noinit, round 0: kernel noinit did not boot: Kernel panic - not syncing"), all);
        assertTrue(all.contains("console's last lines:") && all.contains("    | "), all);
        assertTrue(all.contains("its console and QEMU's state are in " + tmp.resolve("lsm-perf.failed-boots")), all);
        try (var kept = Files.list(tmp.resolve("lsm-perf.failed-boots"))) {
            assertTrue(kept.anyMatch(f -> f.getFileName().toString().endsWith(".console.log")), "the whole console is kept");
        }
        assertTrue(lines.get(lines.size() - 1).startsWith("kbench: the run stopped there"), lines.get(lines.size() - 1));
    }

    @Test
    void aWorkloadThatCrashesStopsTheRunNamingKernelRoundAndRun() throws Exception {
        TestKernel.debianCloud();
        List<String> lines = new ArrayList<>();
        int exit = KbenchProcess.run(tmp, lines, "run", "-k", "default", "-w", TEST_PROGRAMS.resolve("segv").toString(),
                "--rounds", "2", "--runs", "3", "--warmups", "0", "--accel", "tcg");
        assertEquals(ExitStatus.STOPPED.code(), exit);
        String error = lines.stream().filter(l -> l.startsWith("kbench: error: ")).findFirst().orElse("");
        assertTrue(error.startsWith("kbench: error: kernel default, round 0: workload " + TEST_PROGRAMS.resolve("segv")
                + " on kernel default (round 0, measurement run 0, VM "), lines.toString());
        assertTrue(error.endsWith("killed by signal 11"), error);
        assertEquals(List.of("kernel path,round,run 0,run 1,run 2"), Files.readAllLines(tmp.resolve("lsm-perf.csv")));
        assertEquals(List.of(), QemuProcesses.ours());
    }

    @Test
    void aMissingKernelIsRefusedBeforeAnyBoot() throws Exception {
        List<String> lines = new ArrayList<>();
        int exit = KbenchProcess.run(tmp, lines, "run", "-k", "/no/such/bzImage", "--accel", "tcg");
        assertEquals(ExitStatus.BAD_INPUT.code(), exit);
        assertEquals("kbench: error: kernel not found: /no/such/bzImage (give the path of a bzImage or vmlinux)", lines.get(lines.size() - 1));
    }

    /** Ctrl-C (SIGINT), a kill (SIGTERM) and a closed terminal (SIGHUP) all end a run the same way. */
    @ParameterizedTest(name = "SIG{0}")
    @ValueSource(strings = {"INT", "TERM", "HUP"})
    void ctrlCKeepsFinishedRowsAndStopsEveryVm(String signal) throws Exception {
        TestKernel.debianCloud();
        List<String> lines = new ArrayList<>();
        // the VMs' private folders, named on QEMU's command line, go below this test's folder: that
        // tells this run's QEMUs from any other on the host once kbench is gone
        Path vmFolders = Files.createDirectories(tmp.resolve("vm-folders"));
        StartedProcess kbench = KbenchProcess.command(tmp, java.util.Map.of("JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + vmFolders), lines,
                "run", "-k", "default", "--rounds", "5", "--runs", "2", "--warmups", "0", "-w", "eventfd", "--accel", "tcg").start();
        ProcessHandle handle = kbench.getProcess().toHandle();
        Path csv = tmp.resolve("lsm-perf.csv");
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline && handle.isAlive() && !(Files.exists(csv) && Files.readAllLines(csv).size() >= 2)) {
            Thread.sleep(200);
        }
        assertTrue(Files.readAllLines(csv).size() >= 2, "no round finished: " + lines);
        java.time.Instant started = handle.info().startInstant().orElseThrow();
        new ProcessBuilder("kill", "-" + signal, Long.toString(handle.pid())).start().waitFor();
        assertTrue(kbench.getProcess().waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "kbench did not exit on SIG" + signal);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("kbench: interrupted: exiting prematurely; the ")), lines.toString());
        List<String> rows = Files.readAllLines(csv);
        assertTrue(rows.size() >= 2 && rows.get(1).startsWith("default,0,"), rows.toString());
        // kbench's children would be orphans now, so look at every QEMU started since kbench was
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<ProcessHandle> left;
        do {
            Thread.sleep(200);
            left = ProcessHandle.allProcesses().filter(QemuProcesses::isQemu)
                    .filter(p -> p.info().startInstant().map(t -> !t.isBefore(started)).orElse(false))
                    .filter(p -> String.join(" ", p.info().arguments().orElse(new String[0])).contains(vmFolders.toString())).toList();
        } while (!left.isEmpty() && System.nanoTime() < until);
        assertEquals(List.of(), left, "a VM outlived kbench");
    }
}
