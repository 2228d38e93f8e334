package dev.kbench.it;

import java.util.List;

/** Finds QEMU processes, so tests can assert that none outlives what started it. */
final class QemuProcesses {

    private QemuProcesses() {
    }

    static boolean isQemu(ProcessHandle process) {
        return process.info().command().map(c -> c.endsWith("qemu-system-x86_64")).orElse(false);
    }

    /** Every QEMU below {@code root} in the process tree. */
    static List<ProcessHandle> below(ProcessHandle root) {
        return root.descendants().filter(QemuProcesses::isQemu).toList();
    }

    /** QEMUs started by this JVM that are still running. */
    static List<ProcessHandle> ours() {
        return below(ProcessHandle.current());
    }
}
