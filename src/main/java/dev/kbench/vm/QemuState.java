package dev.kbench.vm;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What QEMU itself says about a guest that stopped making progress, asked over QMP before QEMU is
 * killed: its run state, every vCPU's registers (where each one is: {@code RIP=}, and whether it
 * is halted waiting for an interrupt: {@code HLT=1}), and the interrupt controllers' state, which
 * tells a lost interrupt from a vCPU that spins.
 */
final class QemuState {

    private static final Pattern CPU_HEADER = Pattern.compile("CPU#(\\d+)\\s*");

    private QemuState() {
    }

    /** The monitor commands asked, in order; one that fails leaves its error in the text and the rest still run. */
    static List<String> commands(int vcpus) {
        List<String> commands = new ArrayList<>(List.of("info registers -a"));
        for (int cpu = 0; cpu < vcpus; cpu++) {
            commands.add("info lapic " + cpu);
        }
        commands.add("info pic");
        // the first IDT gate of a 64-bit Linux guest holds the address of its divide-error handler:
        // with System.map that gives the KASLR offset, so RIP values can be named
        commands.add("x /2gx 0xfffffe0000000000");
        return commands;
    }

    /**
     * The state as text, one {@code --- command} section each. QEMU's monitor can block when a
     * vCPU holds QEMU's big lock, so the whole capture is bounded by {@code limit}: after it the
     * socket is closed and the text says which answers are missing.
     */
    static String capture(Path qmpSocket, int vcpus, Duration limit) {
        StringBuffer text = new StringBuffer();
        AtomicReference<QmpClient> client = new AtomicReference<>();
        Thread asker = new Thread(() -> ask(qmpSocket, vcpus, text, client), "kbench-qemu-state");
        asker.setDaemon(true);
        asker.start();
        try {
            asker.join(limit.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (asker.isAlive()) {
            text.append("\n(QEMU's monitor did not answer within ").append(limit.toSeconds())
                    .append(" s: the rest of its state is missing)\n");
            closeQuietly(client.get());
        }
        String answers = text.toString();
        return "--- where each vCPU is\n" + whereEachVcpuIs(answers) + answers;
    }

    /**
     * One line per vCPU from {@code info registers -a}: its instruction pointer line ({@code RIP=}
     * in 64-bit mode, {@code EIP=} otherwise, with {@code HLT=1} when it waits for an interrupt),
     * so hangs can be compared at a glance.
     */
    static String whereEachVcpuIs(String answers) {
        StringBuilder summary = new StringBuilder();
        String cpu = null;
        for (String line : answers.split("\n")) {
            Matcher header = CPU_HEADER.matcher(line);
            if (header.matches()) {
                cpu = header.group(1);
            } else if (cpu != null && line.matches("[ER]IP=.*")) {
                summary.append("vCPU ").append(cpu).append(": ").append(line.strip()).append('\n');
                cpu = null;
            }
        }
        return summary.isEmpty() ? "(no registers: QEMU's monitor gave none)\n" : summary.toString();
    }

    private static void ask(Path qmpSocket, int vcpus, StringBuffer text, AtomicReference<QmpClient> holder) {
        try (QmpClient qmp = QmpClient.connect(qmpSocket)) {
            holder.set(qmp);
            text.append("--- query-status\n").append(qmp.execute("query-status")).append('\n');
            for (String command : commands(vcpus)) {
                text.append("--- ").append(command).append('\n');
                try {
                    // HMP ends its lines with CR LF; the file is plain text
                    text.append(qmp.humanMonitor(command).replace("\r\n", "\n").stripTrailing()).append('\n');
                } catch (IOException e) {
                    if (e.getMessage() != null && e.getMessage().startsWith("QEMU closed")) {
                        throw e;
                    }
                    text.append("(failed: ").append(e.getMessage()).append(")\n");
                }
            }
        } catch (IOException e) {
            text.append("(QMP failed: ").append(e.getMessage()).append(")\n");
        }
    }

    private static void closeQuietly(QmpClient client) {
        if (client == null) {
            return;
        }
        try {
            client.close();
        } catch (IOException e) {
            // the capture is over either way
        }
    }
}
