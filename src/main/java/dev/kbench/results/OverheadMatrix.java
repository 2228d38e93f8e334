package dev.kbench.results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every workload's effect of every kernel against that workload's baseline, as one table:
 * the overview of a suite, where 25 sections of plots are too many to take in at once.
 *
 * @param criteria what the cells' verdicts were decided with
 * @param kernels the columns: every kernel that is not a baseline, in order of appearance
 * @param rows one per workload that has more than its baseline
 */
public record OverheadMatrix(Criteria criteria, List<String> kernels, List<Row> rows) {

    /**
     * One workload: its baseline and the effect of each column's kernel, where it ran.
     *
     * @param baselineCv the CV of the baseline's round means: every cell of the row is against it,
     *     so a baseline that ran unsteadily moves the whole row, and the reader should see that
     * @param measure what the row's values count, so that its cells' verdicts say it
     */
    public record Row(String workload, String baseline, double baselineCv, Measure measure, Map<String, Effect> cells) {

        public Optional<Effect> cell(String kernel) {
            return Optional.ofNullable(cells.get(kernel));
        }
    }

    public OverheadMatrix {
        kernels = List.copyOf(kernels);
        rows = List.copyOf(rows);
    }

    public static OverheadMatrix of(Analysis analysis) {
        List<String> kernels = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        for (Comparison comparison : analysis.comparisons()) {
            if (comparison.rows().size() < 2) {
                continue;
            }
            Map<String, Effect> cells = new LinkedHashMap<>();
            for (Comparison.Row row : comparison.rows()) {
                row.effect().ifPresent(effect -> {
                    cells.put(row.kernel(), effect);
                    if (!kernels.contains(row.kernel())) {
                        kernels.add(row.kernel());
                    }
                });
            }
            rows.add(new Row(comparison.workload(), comparison.rows().get(0).kernel(), comparison.rows().get(0).cv(), comparison.measure(), cells));
        }
        return new OverheadMatrix(analysis.criteria(), kernels, rows);
    }

    /** What every row counts: instructions only when every row does. */
    public Measure measure() {
        return Measure.common(rows.stream().map(Row::measure).toList());
    }

    /** The one baseline of every row, if they share it. */
    public Optional<String> commonBaseline() {
        return rows.stream().map(Row::baseline).distinct().count() == 1 ? Optional.of(rows.get(0).baseline()) : Optional.empty();
    }
}
