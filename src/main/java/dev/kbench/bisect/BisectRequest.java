package dev.kbench.bisect;

import dev.kbench.results.Correction;
import dev.kbench.results.Criteria;
import dev.kbench.vm.Accel;
import java.nio.file.Path;
import java.util.List;

/**
 * A bisection as asked for, all of it kept in {@code OUT/bisect.json} so that {@code --resume OUT}
 * continues the same one.
 *
 * @param repository the user's Linux checkout (never written)
 * @param good a commit without the change (a ref as given)
 * @param bad a commit with it
 * @param workloads built-in workloads' names or programs' paths, as given
 * @param config {@code small}, {@code small-noinitrd} or a {@code .config} file's path
 * @param rounds rounds per kernel and step to start with; 0: 2 under icount, else what the ends' spread asks for
 * @param makeJobs make's {@code -j}
 */
public record BisectRequest(Path repository, String good, String bad, List<String> workloads, String config, double thresholdPercent,
        Correction correction, Accel accel, int rounds, int makeJobs, Path out) {

    public BisectRequest {
        workloads = List.copyOf(workloads);
        if (makeJobs < 1) {
            throw new IllegalArgumentException("make needs at least one job");
        }
        if (rounds == 1 || rounds < 0) {
            throw new IllegalArgumentException("a step needs 2 rounds a side for an interval, the equivalence test's input");
        }
    }

    Criteria criteria() {
        return new Criteria(correction, thresholdPercent);
    }
}
