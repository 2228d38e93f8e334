package dev.kbench.cli;

import dev.kbench.bisect.BisectRequest;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** What kbench bisect and bisect-step both take: the range, the workloads, how to build and judge, the accelerator. */
final class BisectOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Mixin
    BisectRangeOptions range;

    @Mixin
    WorkloadsOption workloads;

    @Mixin
    BuildConfigOption build;

    @Mixin
    VerdictOptions verdict;

    @Mixin
    AccelOption accel;

    /** The request, writing into {@code out}; a usage error without --good or --bad. */
    BisectRequest request(Path out) {
        if (range.good == null || range.bad == null) {
            throw new ParameterException(command.commandLine(), "kbench " + command.name() + " needs --good REF and --bad REF");
        }
        var criteria = verdict.criteria();
        return new BisectRequest(range.repo.toAbsolutePath(), range.good, range.bad, workloads.workloads, build.config,
                criteria.thresholdPercent(), criteria.correction(), accel.accel, 0, build.makeJobs(), out.toAbsolutePath());
    }
}
