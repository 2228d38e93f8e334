package dev.kbench.vm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kbench.KbenchException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.zeroturnaround.exec.InvalidExitValueException;
import org.zeroturnaround.exec.ProcessExecutor;

/**
 * lsm-perf's {@code -c CPU-QEMU CPU-KVM1 CPU-KVM2}: QEMU's main and I/O threads on one host CPU,
 * vCPU 0 and vCPU 1 each on a host CPU of their own. vCPU thread ids come from QMP's
 * {@code query-cpus-fast}; every other thread of the QEMU process counts as QEMU's own.
 */
public record CpuPinning(int qemuCpu, int vcpu0Cpu, int vcpu1Cpu) {

    public CpuPinning {
        int hostCpus = Runtime.getRuntime().availableProcessors();
        for (int cpu : new int[] {qemuCpu, vcpu0Cpu, vcpu1Cpu}) {
            if (cpu < 0 || cpu >= hostCpus) {
                throw new IllegalArgumentException("CPU " + cpu + " does not exist here: this host has CPUs 0-" + (hostCpus - 1));
            }
        }
    }

    /** Parses {@code 0:1:2}, the form JMH's {@code -p cpus=} takes (its -p splits on commas). */
    public static CpuPinning parse(String text) {
        String[] parts = text.trim().split(":");
        if (parts.length != 3) {
            throw new IllegalArgumentException("CPU pinning '" + text + "' must be CPU-QEMU:CPU-KVM1:CPU-KVM2, e.g. 0:1:2");
        }
        try {
            return new CpuPinning(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("CPU pinning '" + text + "' must be three CPU numbers, e.g. 0:1:2");
        }
    }

    @Override
    public String toString() {
        return qemuCpu + ":" + vcpu0Cpu + ":" + vcpu1Cpu;
    }

    /** Pins every thread of {@code vm}'s QEMU and returns the host CPU each thread id was given. */
    public Map<Long, Integer> apply(Vm vm) throws IOException {
        Map<Integer, Long> vcpuThreads = vcpuThreads(vm.qmpSocket());
        Map<Long, Integer> plan = new LinkedHashMap<>();
        for (long tid : threadsOf(vm.pid())) {
            plan.put(tid, qemuCpu);
        }
        for (Map.Entry<Integer, Long> vcpu : vcpuThreads.entrySet()) {
            plan.put(vcpu.getValue(), switch (vcpu.getKey()) {
                case 0 -> vcpu0Cpu;
                case 1 -> vcpu1Cpu;
                default -> qemuCpu; // lsm-perf's machine has two vCPUs; any more share QEMU's CPU
            });
        }
        for (Map.Entry<Long, Integer> entry : plan.entrySet()) {
            taskset(vm.pid(), entry.getKey(), entry.getValue());
        }
        return plan;
    }

    static Map<Integer, Long> vcpuThreads(Path qmpSocket) throws IOException {
        Map<Integer, Long> threads = new LinkedHashMap<>();
        try (QmpClient qmp = QmpClient.connect(qmpSocket)) {
            for (JsonNode cpu : qmp.execute("query-cpus-fast")) {
                threads.put(cpu.path("cpu-index").asInt(), cpu.path("thread-id").asLong());
            }
        }
        if (threads.isEmpty()) {
            throw new KbenchException(KbenchException.Kind.INFRASTRUCTURE, "QMP query-cpus-fast listed no vCPU threads");
        }
        return threads;
    }

    static List<Long> threadsOf(long pid) throws IOException {
        List<Long> tids = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            tasks.forEach(task -> tids.add(Long.parseLong(task.getFileName().toString())));
        }
        return tids;
    }

    private static void taskset(long pid, long tid, int cpu) throws IOException {
        try {
            new ProcessExecutor("taskset", "-p", "-c", Integer.toString(cpu), Long.toString(tid))
                    .readOutput(true).exitValueNormal().timeout(10, TimeUnit.SECONDS).execute();
        } catch (InvalidExitValueException e) {
            if (!Files.exists(Path.of("/proc", Long.toString(pid), "task", Long.toString(tid)))) {
                return; // a short-lived worker thread that ended meanwhile
            }
            throw new KbenchException(KbenchException.Kind.INFRASTRUCTURE, "taskset could not pin QEMU thread " + tid + " to CPU " + cpu + ": " + e.getResult().outputUTF8().strip());
        } catch (TimeoutException e) {
            throw new KbenchException(KbenchException.Kind.INFRASTRUCTURE, "taskset did not finish pinning thread " + tid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KbenchException(KbenchException.Kind.INFRASTRUCTURE, "interrupted while pinning QEMU's threads", e);
        }
    }
}
