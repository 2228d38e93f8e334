package dev.kbench.cli;

import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Per-command defaults of the shared {@link ExperimentOptions}: lsm-perf's for {@code run}, a
 * three-minute demo, and the reference experiment's for {@code lsm-cost}.
 */
abstract class CommandDefaults implements IDefaultValueProvider {

    private final Map<String, String> defaults;

    CommandDefaults(Map<String, String> byLongestName) {
        this.defaults = Map.copyOf(byLongestName);
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        return argSpec instanceof OptionSpec option ? defaults.get(option.longestName()) : null;
    }

    /**
     * Whether {@code option} was on {@code spec}'s command line, a default not counting: what a
     * default that depends on the accelerator (icount's sizes) leaves alone.
     */
    static boolean given(CommandSpec spec, String option) {
        ParseResult parsed = spec.commandLine().getParseResult();
        return parsed != null && parsed.hasMatchedOption(option);
    }

    /** lsm-perf's own defaults. */
    static final class Run extends CommandDefaults {
        Run() {
            super(Map.of("--rounds", "5", "--runs", "100", "--warmups", "5", "--accel", "auto", "--order", "balanced", "--out", "lsm-perf.csv"));
        }
    }

    /** Under TCG and KVM; under icount the demo takes {@link DemoCommand#sizeFor}'s. */
    static final class Demo extends CommandDefaults {
        Demo() {
            super(Map.of("--rounds", "5", "--runs", "10", "--warmups", "2", "--accel", "auto", "--order", "balanced", "--out", "kbench-demo"));
        }
    }

    static final class LsmCost extends CommandDefaults {
        LsmCost() {
            super(Map.of("--rounds", "4", "--runs", "2", "--warmups", "1", "--accel", "auto", "--order", "balanced", "--out", "lsm-cost"));
        }
    }
}
