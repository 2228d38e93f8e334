package dev.kbench.vm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** What a failed boot's {@code qemu-state.txt} says: the host's side, then QEMU's view while it still runs. */
final class FailureReport {

    /** A monitor can block while a vCPU holds QEMU's big lock: the capture is bounded. */
    private static final Duration QEMU_STATE_WAIT = Duration.ofSeconds(10);

    private FailureReport() {
    }

    /**
     * The host's side of a failed boot and, while QEMU still runs, QEMU's own view of the guest:
     * together they say where the boot stopped (a vCPU's RIP, a halted CPU waiting for an
     * interrupt, an agent that was ready but unheard).
     */
    static String of(VmSpec spec, String reason, Duration sinceStart, List<Marker> received, boolean pinging, Process process,
            QemuCommand.Files files) {
        StringBuilder text = new StringBuilder();
        text.append("kernel: ").append(spec.kernel().name()).append(" (").append(spec.kernel().image()).append(")\n");
        text.append("failure: ").append(reason).append('\n');
        text.append("machine: ").append(spec.machine().qemuName()).append(", accel: ").append(spec.accel().qemuName())
                .append(", vCPUs: ").append(QemuCommand.vcpus(spec, spec.accel())).append(", memory: ").append(spec.memoryMib()).append(" MiB\n");
        text.append("kernel command line: ").append(QemuCommand.kernelCmdline(spec)).append('\n');
        text.append(String.format(java.util.Locale.ROOT, "since QEMU started: %.3f s%n", sinceStart.toNanos() / 1e9));
        text.append("host load average: ").append(ConsoleDiagnosis.read(Path.of("/proc/loadavg")).strip()).append('\n');
        text.append("markers received (0x20 agent started, 0x21 agent's channel open):");
        if (received.isEmpty()) {
            text.append(" none");
        }
        for (Marker marker : received) {
            text.append(String.format(java.util.Locale.ROOT, " 0x%02x at %.1f ms;", marker.value(), marker.nanos() / 1e6));
        }
        text.append(pinging ? "\nthe host pinged the agent on virtio and on serial: neither answered\n"
                : "\nthe host had not started pinging the agent (QEMU's sockets were not there)\n");
        if (process.isAlive()) {
            text.append(QemuState.capture(files.qmp(), QemuCommand.vcpus(spec, spec.accel()), QEMU_STATE_WAIT));
        } else {
            text.append("--- QEMU had exited with status ").append(process.exitValue()).append(": no state to ask for\n");
        }
        text.append("--- QEMU's own output (stderr)\n").append(ConsoleDiagnosis.read(files.qemuLog()));
        return text.toString();
    }
}
