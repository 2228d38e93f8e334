package dev.kbench.results.format;

import dev.kbench.results.HostSpread;
import dev.kbench.results.Numbers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How much the hosts of a sharded experiment differed: a line per workload for the console, a warning where a kernel's effect depends on the host, and a table for the comparison file. */
public final class HostSpreadText {

    private HostSpreadText() {
    }

    /**
     * E.g. "eventfd: 2 hosts (node0, node1); between hosts the round means spread by 3.1 % (SD; within
     * a host 1.2 %); B's effect by host +2.0 %, +2.6 % (heterogeneity p = 0.71)".
     */
    public static String line(HostSpread spread) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s: %d hosts (%s); between hosts the round means spread by %s (SD; within a host %s)",
                spread.workload(), spread.hosts().size(), String.join(", ", spread.hosts()), sd(spread.betweenPercent()), sd(spread.withinPercent())));
        for (HostSpread.KernelSpread kernel : spread.compared()) {
            HostSpread.HostEffects effects = kernel.effect().orElseThrow();
            List<String> percents = effects.percentByHost().stream().map(HostSpreadText::effect).toList();
            line.append("; ").append(kernel.kernel()).append("'s effect by host ").append(String.join(", ", percents))
                    .append(" (heterogeneity p = ").append(ComparisonCells.probability(effects.pValue())).append(')');
        }
        return line.toString();
    }

    /** A line per kernel whose effect differs between hosts (p < 0.05); nothing when the hosts agree. */
    public static List<String> warnings(HostSpread spread) {
        List<String> lines = new ArrayList<>();
        for (HostSpread.KernelSpread kernel : spread.compared()) {
            HostSpread.HostEffects effects = kernel.effect().orElseThrow();
            if (effects.heterogeneous()) {
                lines.add(String.format(Locale.ROOT, "%s: the effect differs between hosts: %s %s (heterogeneity p = %s); the combined effect averages them",
                        spread.workload(), kernel.kernel(), spoken(spread.hosts(), effects), ComparisonCells.probability(effects.pValue())));
            }
        }
        return lines;
    }

    /** A Markdown table of every workload's hosts, a row per kernel. */
    public static String markdown(List<HostSpread> all) {
        StringBuilder md = new StringBuilder("# Hosts\n\n")
                .append("| workload | kernel | hosts | between hosts (SD) | within a host (SD) | effect by host | Q | p (heterogeneity) |\n")
                .append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (HostSpread spread : all) {
            for (HostSpread.KernelSpread kernel : spread.kernels()) {
                md.append("| ").append(spread.workload()).append(" | ").append(kernel.kernel()).append(" | ").append(kernel.hosts())
                        .append(" | ").append(cell(kernel.betweenPercent())).append(" | ").append(cell(kernel.withinPercent())).append(" | ");
                if (kernel.effect().isEmpty()) {
                    md.append("baseline | | |\n");
                    continue;
                }
                HostSpread.HostEffects effects = kernel.effect().get();
                md.append(cell(spread.hosts(), effects)).append(" | ")
                        .append(Double.isNaN(effects.q()) ? "n/a" : String.format(Locale.ROOT, "%.2f", effects.q())).append(" | ")
                        .append(ComparisonCells.probability(effects.pValue())).append(" |\n");
            }
        }
        return md.append("\nHosts are blocks: every effect in the tables above is estimated within each host and the hosts combined,"
                + " so what a host adds to every kernel cancels. Between hosts and within a host: standard deviations of the log round"
                + " means from a one-way random-effects analysis of variance by host (method of moments), as coefficients of variation;"
                + " n/a under two hosts or with one round per host. Effect by host: the ratio of geometric means of round means on that"
                + " host. Q: Cochran's heterogeneity statistic over the hosts with two rounds a side, p from chi-squared with hosts - 1"
                + " degrees of freedom; a small p means the effect depends on the host, and the combined effect averages the hosts.\n")
                .toString();
    }

    /** The effects on the hosts the kernel and the baseline both ran on, as said: "+2.0 % on node0, +2.6 % on node1". */
    private static String spoken(List<String> hosts, HostSpread.HostEffects effects) {
        List<String> parts = new ArrayList<>();
        for (int h = 0; h < hosts.size(); h++) {
            double percent = effects.percentByHost().get(h);
            if (!Double.isNaN(percent)) {
                parts.add(effect(percent) + " on " + hosts.get(h));
            }
        }
        return String.join(", ", parts);
    }

    /** As {@link #spoken}, in a table's precision: "node0 +2.00%, node1 +2.60%". */
    private static String cell(List<String> hosts, HostSpread.HostEffects effects) {
        List<String> parts = new ArrayList<>();
        for (int h = 0; h < hosts.size(); h++) {
            double percent = effects.percentByHost().get(h);
            if (!Double.isNaN(percent)) {
                parts.add(hosts.get(h) + " " + Numbers.percent(percent, 2));
            }
        }
        return String.join(", ", parts);
    }

    private static String effect(double percent) {
        return Double.isNaN(percent) ? "n/a" : Numbers.signedPercentDigits(percent, 1) + " %";
    }

    private static String sd(double percent) {
        return Double.isNaN(percent) ? "n/a" : Numbers.percentDigits(percent, 1) + " %";
    }

    private static String cell(double percent) {
        return Double.isNaN(percent) ? "n/a" : Numbers.percentDigits(percent, 2) + "%";
    }
}
