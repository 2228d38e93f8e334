package dev.kbench.boot;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * Mean, stdev and n of every phase, per kernel and setting, over the boots that have the phase:
 * in microseconds, or in guest instructions for the boots that counted them.
 */
public final class BootSummary {

    /** One kernel and setting: each phase's statistics, in the phases' order. */
    public record Group(String label, Map<String, SummaryStatistics> phases) {

        public double mean(String phase) {
            SummaryStatistics s = phases.get(phase);
            return s == null ? Double.NaN : s.getMean();
        }
    }

    private BootSummary() {
    }

    /** The phases in microseconds, every measured boot's. */
    public static List<Group> of(List<BootRecord> boots) {
        return of(boots, (boot, phase) -> phase.equals("host_ready") ? Double.valueOf(boot.hostReadyMicros()) : boot.phases().get(phase));
    }

    /** The phases in instructions, of the measured boots that counted them (none: an empty list). */
    public static List<Group> instructions(List<BootRecord> boots) {
        return of(boots, (boot, phase) -> {
            Long count = boot.instructions().get(phase);
            return count == null ? null : count.doubleValue();
        });
    }

    private static List<Group> of(List<BootRecord> boots, java.util.function.BiFunction<BootRecord, String, Double> value) {
        Map<String, Map<String, SummaryStatistics>> groups = new LinkedHashMap<>();
        for (BootRecord boot : boots) {
            if (!boot.measured()) {
                continue;
            }
            for (String phase : phaseOrder()) {
                Double v = value.apply(boot, phase);
                if (v != null) {
                    groups.computeIfAbsent(boot.group(), g -> new LinkedHashMap<>()).computeIfAbsent(phase, p -> new SummaryStatistics()).addValue(v);
                }
            }
        }
        List<Group> result = new ArrayList<>();
        groups.forEach((label, phases) -> result.add(new Group(label, phases)));
        return result;
    }

    /** The suite's fields, kbench's, then the host-side time to the agent's answer. */
    static List<String> phaseOrder() {
        List<String> order = new ArrayList<>(BootPhases.SUITE);
        order.addAll(BootPhases.KBENCH);
        order.add("host_ready");
        return order;
    }

    private static final List<String> COLUMNS = List.of("kernel and setting", "phase", "mean (us)", "stdev (us)", "n");
    /** Instructions repeat exactly or nearly so: the smallest and largest count say how nearly. */
    private static final List<String> INSTRUCTION_COLUMNS = List.of("kernel and setting", "phase", "mean (instructions)",
            "stdev (instructions)", "min", "max", "n");

    public static String csv(List<Group> groups) throws IOException {
        return csv(COLUMNS, rows(groups));
    }

    public static String markdown(List<Group> groups) {
        return markdown(COLUMNS, rows(groups));
    }

    /** The summary of {@link #instructions} as CSV. */
    public static String instructionsCsv(List<Group> groups) throws IOException {
        return csv(INSTRUCTION_COLUMNS, instructionRows(groups));
    }

    /** The summary of {@link #instructions} as a Markdown table. */
    public static String instructionsMarkdown(List<Group> groups) {
        return markdown(INSTRUCTION_COLUMNS, instructionRows(groups));
    }

    private static String csv(List<String> columns, List<List<String>> rows) throws IOException {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build())) {
            printer.printRecord(columns);
            for (List<String> row : rows) {
                printer.printRecord(row);
            }
        }
        return out.toString();
    }

    private static String markdown(List<String> columns, List<List<String>> rows) {
        StringBuilder out = new StringBuilder("| " + String.join(" | ", columns) + " |\n|" + " --- |".repeat(columns.size()) + "\n");
        for (List<String> row : rows) {
            out.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        return out.toString();
    }

    private static List<List<String>> rows(List<Group> groups) {
        List<List<String>> rows = new ArrayList<>();
        for (Group group : groups) {
            group.phases().forEach((phase, s) -> rows.add(List.of(group.label(), phase, String.format(Locale.ROOT, "%.1f", s.getMean()),
                    String.format(Locale.ROOT, "%.1f", stdev(s)), Long.toString(s.getN()))));
        }
        return rows;
    }

    private static List<List<String>> instructionRows(List<Group> groups) {
        List<List<String>> rows = new ArrayList<>();
        for (Group group : groups) {
            group.phases().forEach((phase, s) -> rows.add(List.of(group.label(), phase, String.format(Locale.ROOT, "%.0f", s.getMean()),
                    String.format(Locale.ROOT, "%.1f", stdev(s)), String.format(Locale.ROOT, "%.0f", s.getMin()),
                    String.format(Locale.ROOT, "%.0f", s.getMax()), Long.toString(s.getN()))));
        }
        return rows;
    }

    private static double stdev(SummaryStatistics s) {
        return s.getN() > 1 ? s.getStandardDeviation() : 0.0;
    }
}
