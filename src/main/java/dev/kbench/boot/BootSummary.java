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

/** Mean, stdev and n of every phase, per kernel and setting, over the boots that have the phase. */
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

    public static List<Group> of(List<BootRecord> boots) {
        Map<String, Map<String, SummaryStatistics>> groups = new LinkedHashMap<>();
        for (BootRecord boot : boots) {
            if (!boot.measured()) {
                continue;
            }
            Map<String, SummaryStatistics> phases = groups.computeIfAbsent(boot.group(), g -> new LinkedHashMap<>());
            for (String phase : phaseOrder()) {
                Double value = phase.equals("host_ready") ? Double.valueOf(boot.hostReadyMicros()) : boot.phases().get(phase);
                if (value != null) {
                    phases.computeIfAbsent(phase, p -> new SummaryStatistics()).addValue(value);
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

    public static String csv(List<Group> groups) throws IOException {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build())) {
            printer.printRecord(COLUMNS);
            for (List<String> row : rows(groups)) {
                printer.printRecord(row);
            }
        }
        return out.toString();
    }

    public static String markdown(List<Group> groups) {
        StringBuilder out = new StringBuilder("| " + String.join(" | ", COLUMNS) + " |\n|" + " --- |".repeat(COLUMNS.size()) + "\n");
        for (List<String> row : rows(groups)) {
            out.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        return out.toString();
    }

    private static List<List<String>> rows(List<Group> groups) {
        List<List<String>> rows = new ArrayList<>();
        for (Group group : groups) {
            group.phases().forEach((phase, s) -> rows.add(List.of(group.label(), phase, String.format(Locale.ROOT, "%.1f", s.getMean()),
                    String.format(Locale.ROOT, "%.1f", s.getN() > 1 ? s.getStandardDeviation() : 0.0), Long.toString(s.getN()))));
        }
        return rows;
    }
}
