package dev.kbench.bisect;

import dev.kbench.report.RangePlot;
import dev.kbench.results.Measure;
import dev.kbench.results.Numbers;
import dev.kbench.results.format.VerdictText;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a bisection leaves for a person: {@code bisect.md} (the first bad commits, their
 * confirmation, a table of every step, git's logs), one plot per workload of the effect along the
 * range ({@code bisect-WORKLOAD.png}), and the table and the answer on the console.
 */
final class BisectReport {

    private final BisectRecord record;

    BisectReport(BisectRecord record) {
        this.record = record;
    }

    private Measure measure() {
        return Bisection.measureOf(record.ends().accel());
    }

    void write(Path out, PrintStream console) throws IOException {
        List<String> lines = new ArrayList<>();
        BisectRecord.Ends ends = record.ends();
        lines.add("# kbench bisect");
        lines.add("");
        lines.add("- good: " + ends.good().describe());
        lines.add("- bad: " + ends.bad().describe());
        lines.add("- " + ends.range().size() + " commits; workloads " + String.join(", ", record.request().workloads()) + " under "
                + ends.accel().name().toLowerCase(java.util.Locale.ROOT) + ", threshold ±" + Numbers.asWritten(record.request().thresholdPercent())
                + " %, configuration " + record.request().config());
        for (BisectRecord.EndEffect effect : ends.effects()) {
            lines.add("- " + effect.workload() + ": bad against good " + effect.badAgainstGood().verdictAs(measure()) + " "
                    + VerdictText.effect(effect.badAgainstGood().overhead("bad")));
        }
        lines.add("");
        List<String> answer = answer();
        if (!answer.isEmpty()) {
            lines.add("## First bad commits");
            lines.add("");
            answer.forEach(line -> lines.add("- " + line));
            lines.add("");
        }
        List<String> table = table();
        lines.add("## Steps");
        lines.add("");
        lines.addAll(table);
        lines.add("");
        lines.add("Effects are against the range's good and bad ends, measured side by side in the step (95 % CI, Welch on the logs of"
                + " round means); the share is where the commit stands between them. Build and measure times in seconds."
                + " Each step's CSV, JMH JSON and run log are in its folder.");
        for (String log : record.gitLogs()) {
            lines.add("");
            lines.add("## git's bisect log (" + log + ")");
            lines.add("");
            lines.add("```text");
            lines.add(Files.readString(out.resolve(log), StandardCharsets.UTF_8).strip());
            lines.add("```");
        }
        List<Path> plots = plots(out);
        Files.writeString(out.resolve("bisect.md"), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        if (!record.steps().isEmpty()) {
            console.println();
            table.forEach(console::println);
            console.println();
        }
        List<String> files = new ArrayList<>(List.of(out.resolve("bisect.md").toString(), BisectRecord.in(out).toString()));
        plots.forEach(p -> files.add(p.toString()));
        console.println("kbench bisect: wrote " + String.join(", ", files) + " and each step's files in " + out.resolve("steps"));
        answer.forEach(line -> console.println("kbench bisect: " + line));
    }

    private List<String> answer() {
        List<String> lines = new ArrayList<>();
        int found = record.findings().size();
        for (Finding finding : record.findings()) {
            if (!finding.candidates().isEmpty()) {
                lines.add("the first bad commit could not be told: it is one of " + String.join(", ", finding.candidates().stream()
                        .map(Bisection::name).toList()) + " (they could not be tested)");
                continue;
            }
            StringBuilder line = new StringBuilder((found > 1 ? "a first bad commit: " : "first bad commit: ") + finding.commit() + " "
                    + finding.subject() + " (" + finding.date() + ")");
            for (Finding.Confirmation c : finding.confirmations()) {
                line.append("; ").append(c.workload()).append(" against its parent ")
                        .append(VerdictText.effect(c.commitAgainstParent().overhead(finding.commit()))).append(", ")
                        .append(Math.round(c.share() * 100)).append(" % of the change");
                if (c.parentAgainstGood() != null) {
                    line.append(", its parent against good ").append(c.parentAgainstGood().verdictAs(measure()));
                }
                if (c.commitAgainstBad() != null) {
                    line.append(", it against bad ").append(c.commitAgainstBad().verdictAs(measure()));
                }
            }
            lines.add(line.toString());
        }
        return lines;
    }

    private List<String> table() {
        List<String> rows = new ArrayList<>();
        rows.add("| step | commit | subject | verdict | against good | against bad | share | build s | measure s |");
        rows.add("| ---: | --- | --- | --- | --- | --- | ---: | ---: | ---: |");
        for (StepRecord step : record.steps()) {
            String subject = step.subject().replace("|", "\\|");
            if (step.positions().isEmpty()) {
                rows.add("| " + step.number() + " | " + Bisection.name(step.commit()) + " | " + subject + " | " + step.call() + ": "
                        + step.cause().replace("|", "\\|") + " | | | | " + Math.round(step.buildSeconds()) + " | " + Math.round(step.measureSeconds()) + " |");
                continue;
            }
            for (Position p : step.positions()) {
                rows.add("| " + step.number() + " | " + Bisection.name(step.commit()) + " | " + subject + " | " + step.call()
                        + (step.positions().size() > 1 ? " (" + p.workload() + ")" : "") + " | "
                        + VerdictText.effect(p.againstGood().overhead("")) + " | " + VerdictText.effect(p.againstBad().overhead("")) + " | "
                        + Math.round(p.share() * 100) + " % | " + Math.round(step.buildSeconds()) + " | " + Math.round(step.measureSeconds()) + " |");
            }
        }
        return rows;
    }

    /**
     * A plot per workload that regressed: each step at its place in the range, its effect against the
     * bisection's good end (measured where the step's range starts there, else its effect against its
     * range's good end laid on that end's own, without an interval).
     */
    private List<Path> plots(Path out) throws IOException {
        List<Path> plots = new ArrayList<>();
        BisectRecord.Ends ends = record.ends();
        List<String> range = ends.range();
        String good = ends.good().hash();
        for (BisectRecord.EndEffect end : ends.effects()) {
            String workload = end.workload();
            Map<String, Double> againstGood = new HashMap<>();
            againstGood.put(good, 0.0);
            againstGood.put(ends.bad().hash(), end.badAgainstGood().percent());
            List<RangePlot.Point> points = new ArrayList<>();
            points.add(new RangePlot.Point(0, "good", 0, Double.NaN, Double.NaN));
            points.add(new RangePlot.Point(range.size(), "bad", end.badAgainstGood().percent(), end.badAgainstGood().low(),
                    end.badAgainstGood().high()));
            List<RangePlot.Mark> marks = new ArrayList<>();
            for (StepRecord step : record.steps()) {
                int index = range.indexOf(step.commit()) + 1;
                Optional<Position> position = step.positions().stream().filter(p -> p.workload().equals(workload)).findFirst();
                if (step.stepCall() == StepCall.SKIPPED) {
                    marks.add(new RangePlot.Mark(index, Bisection.name(step.commit()).substring(0, 7) + " skipped", false));
                    continue;
                }
                if (position.isEmpty() || !againstGood.containsKey(step.good())) {
                    continue;
                }
                Position.Side side = position.get().againstGood();
                double base = againstGood.get(step.good());
                double percent = ((1 + base / 100) * (1 + side.percent() / 100) - 1) * 100;
                againstGood.put(step.commit(), percent);
                boolean direct = step.good().equals(good);
                points.add(new RangePlot.Point(index, Bisection.name(step.commit()), percent, direct ? side.low() : Double.NaN,
                        direct ? side.high() : Double.NaN));
            }
            for (Finding finding : record.findings()) {
                if (finding.candidates().isEmpty()) {
                    marks.add(new RangePlot.Mark(range.indexOf(finding.commit()) + 1, Bisection.name(finding.commit()).substring(0, 7), true));
                }
            }
            plots.add(RangePlot.write(workload, range.size(), points, marks, end.badAgainstGood().percent(), record.request().thresholdPercent(),
                    out.resolve("bisect-" + workload.replaceAll("[^A-Za-z0-9._-]", "_") + ".png")));
        }
        return plots;
    }
}
