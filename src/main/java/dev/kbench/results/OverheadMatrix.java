package dev.kbench.results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every workload's overhead of every kernel against that workload's baseline, as one table:
 * the overview of a suite, where 25 sections of plots are too many to take in at once.
 *
 * @param kernels the columns: every kernel that is not a baseline, in order of appearance
 * @param rows one per workload that has more than its baseline
 */
public record OverheadMatrix(List<String> kernels, List<Row> rows) {

    /** One workload: its baseline and the overhead of each column's kernel, where it ran. */
    public record Row(String workload, String baseline, Map<String, Overhead> cells) {

        public Optional<Overhead> cell(String kernel) {
            return Optional.ofNullable(cells.get(kernel));
        }
    }

    public OverheadMatrix {
        kernels = List.copyOf(kernels);
        rows = List.copyOf(rows);
    }

    public static OverheadMatrix of(List<WorkloadResults> workloads) {
        List<String> kernels = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        for (WorkloadResults workload : workloads) {
            if (workload.kernels().size() < 2) {
                continue;
            }
            KernelRounds baseline = workload.kernels().get(0);
            Map<String, Overhead> cells = new LinkedHashMap<>();
            for (Overhead overhead : Overhead.againstFirst(workload.kernels())) {
                cells.put(overhead.kernel(), overhead);
                if (!kernels.contains(overhead.kernel())) {
                    kernels.add(overhead.kernel());
                }
            }
            rows.add(new Row(workload.name(), baseline.kernel(), cells));
        }
        return new OverheadMatrix(kernels, rows);
    }

    /** The one baseline of every row, if they share it. */
    public Optional<String> commonBaseline() {
        return rows.stream().map(Row::baseline).distinct().count() == 1 ? Optional.of(rows.get(0).baseline()) : Optional.empty();
    }
}
