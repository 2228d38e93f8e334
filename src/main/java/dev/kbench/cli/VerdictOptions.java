package dev.kbench.cli;

import dev.kbench.results.Correction;
import dev.kbench.results.Criteria;
import dev.kbench.results.Numbers;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** How comparisons become verdicts, for every command that compares kernels (run, demo, lsm-cost, report). */
final class VerdictOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--correction", paramLabel = "bh|holm|none", defaultValue = "bh",
            description = "Correction of the p-values for the number of comparisons (kernels x workloads): Benjamini-Hochberg,"
                    + " Holm or none. Default: ${DEFAULT-VALUE}.")
    Correction correction;

    @Option(names = "--threshold", paramLabel = "PCT", converter = Converters.PercentConverter.class, defaultValue = "1",
            description = "The smallest difference that matters, in percent (1, 1%% or 0.5%%): a kernel is slower or faster when"
                    + " significant and its 95%% CI lies beyond it, the same when the CI lies within it. Default: ${DEFAULT-VALUE}.")
    double threshold;

    /** The criteria, or a usage error naming --threshold. */
    Criteria criteria() {
        if (!(threshold >= 0 && threshold < 100)) {
            throw new ParameterException(command.commandLine(), "Invalid value for option '--threshold': '" + Numbers.asWritten(threshold)
                    + "': use a percentage from 0 up to, not including, 100");
        }
        return new Criteria(correction, threshold);
    }
}
