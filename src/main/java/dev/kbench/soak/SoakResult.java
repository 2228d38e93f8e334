package dev.kbench.soak;

import dev.kbench.vm.Accel;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a soak found: how many boots ran, which failed and how (with where each vCPU was), and
 * the distribution of the time from QEMU's start to the agent's first answer.
 *
 * @param accel the accelerator the soak really used
 * @param boots measured boots run
 * @param times boot times of the measured boots that reached the agent
 * @param failures failed boots, measured and of the load VM
 * @param serialBoots measured boots whose agent answered on the serial fallback instead of virtio
 * @param consoleLines the lines the measured boots that reached the agent printed on their console, with how many boots printed each
 * @param loadBoots boots of the load VM
 */
public record SoakResult(Soak.Settings settings, Accel accel, int boots, BootTimes times, List<SoakFailure> failures, int serialBoots,
        List<Map.Entry<String, Integer>> consoleLines, int loadBoots,
        Duration elapsed) {

    public long measuredFailures() {
        return failures.stream().filter(f -> f.role().equals("measured")).count();
    }

    public long measuredHangs() {
        return failures.stream().filter(f -> f.role().equals("measured") && f.hang()).count();
    }

    /** One line for the summary table of docs/reliability.md. */
    public String summaryLine() {
        return String.format(Locale.ROOT, "%s %s: %d boots, %d hangs, %d other failures, %d on serial; %s; load VM: %d boots, %d failed; %d min",
                settings.machine().qemuName(), accel.qemuName(), boots, measuredHangs(), measuredFailures() - measuredHangs(), serialBoots, times,
                loadBoots, failures.size() - measuredFailures(), elapsed.toMinutes());
    }

    /** The report as Markdown: the numbers, then every failure with its reason, evidence, vCPUs and console tail. */
    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Soak: ").append(settings.kernel()).append(" on ").append(settings.machine().qemuName()).append(", ")
                .append(accel.qemuName()).append("\n\n");
        md.append("| machine | accel | boots | hangs | other failures | median (ms) | p95 (ms) | max (ms) | load VM boots | load VM failures | minutes |\n");
        md.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        md.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %.0f | %.0f | %.0f | %d | %d | %d |%n", settings.machine().qemuName(),
                accel.qemuName(), boots, measuredHangs(), measuredFailures() - measuredHangs(), times.medianMs(), times.p95Ms(), times.maxMs(),
                loadBoots, failures.size() - measuredFailures(), elapsed.toMinutes()));
        md.append("\nBoot time: QEMU's start until the guest agent first answers, as the host sees it. Boot timeout: ")
                .append(settings.bootTimeout().toSeconds()).append(" s; memory ").append(settings.memoryMib()).append(" MiB; ")
                .append(settings.load() ? "a second VM booted over and over during the soak" : "no load VM").append(".\n");
        md.append("Boots whose agent answered on the serial fallback instead of virtio: ").append(serialBoots).append(".\n");
        if (!consoleLines.isEmpty()) {
            md.append("\nConsole lines of the boots that reached the agent (boots that printed each):\n\n");
            consoleLines.forEach(e -> md.append("- ").append(e.getValue()).append(" × `").append(e.getKey()).append("`\n"));
        }
        if (failures.isEmpty()) {
            md.append("\nNo boot failed.\n");
        }
        for (SoakFailure failure : failures) {
            md.append("\n## ").append(failure.role()).append(" boot ").append(failure.boot()).append(": ")
                    .append(failure.hang() ? "hang" : "failure").append("\n\n");
            md.append(failure.reason()).append("\n\n");
            failure.evidence().ifPresent(e -> md.append("Evidence: `").append(e.qemuState()).append("`, `").append(e.console()).append("`\n\n"));
            if (!failure.whereVcpusWere().isEmpty()) {
                md.append("```\n").append(failure.whereVcpusWere()).append("\n```\n\n");
            }
            md.append("Console's last lines:\n\n```\n").append(failure.consoleTail().replace("    | ", "").strip()).append("\n```\n");
        }
        return md.toString();
    }
}
