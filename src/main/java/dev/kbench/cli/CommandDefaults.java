package dev.kbench.cli;

import dev.kbench.guest.WorkloadSuite;
import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Each command's defaults of the options it shares with others, by the option's longest name,
 * where they differ from the option's own (lsm-perf's for {@code run}, a three-minute demo, the
 * reference experiment's for {@code lsm-cost}, ...). A command's help shows its own.
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

    /** lsm-perf's own defaults; one job, as lsm-perf ran. */
    static final class Run extends CommandDefaults {
        Run() {
            super(Map.of("--rounds", "5", "--runs", "100", "--warmups", "5", "--out", "lsm-perf.csv", "--jobs", "1"));
        }
    }

    /** Under TCG and KVM; under icount the demo takes {@link DemoCommand#sizeFor}'s. */
    static final class Demo extends CommandDefaults {
        Demo() {
            super(Map.of("--rounds", "5", "--runs", "10", "--warmups", "2", "--out", "kbench-demo"));
        }
    }

    static final class LsmCost extends CommandDefaults {
        LsmCost() {
            super(Map.of("--rounds", "4", "--runs", "2", "--warmups", "1", "--out", "lsm-cost", "--workload", WorkloadSuite.ALL));
        }
    }

    static final class Boot extends CommandDefaults {
        Boot() {
            super(Map.of("--boots", "10", "--mem", "256", "--out", "boot"));
        }
    }

    /** Under TCG by default: soak looks for hangs where boots are slowest. */
    static final class Soak extends CommandDefaults {
        Soak() {
            super(Map.of("--kernels", "default", "--boots", "1000", "--mem", "256", "--accel", "tcg", "--out", "soak"));
        }
    }

    static final class Csv extends CommandDefaults {
        Csv() {
            super(Map.of("--out", "lsm-perf.csv"));
        }
    }

    static final class Report extends CommandDefaults {
        Report() {
            super(Map.of("--out", "report.html"));
        }
    }

    /** One warm-up per round, for plan's time estimate. */
    static final class Plan extends CommandDefaults {
        Plan() {
            super(Map.of("--warmups", "1"));
        }
    }

    /** Under icount, where the workload's own count is an instruction count to check the functions' sum against. */
    static final class Explain extends CommandDefaults {
        Explain() {
            super(Map.of("--workload", "read-small", "--accel", "icount", "--warmups", "1", "--out", "explain"));
        }
    }

    /** The folder a bisection writes; getppid, the cheapest system call, whose path a regression shows in most. */
    static final class Bisect extends CommandDefaults {
        Bisect() {
            super(Map.of("--out", "bisect", "--workload", "getppid"));
        }
    }

    /** No --out: git bisect run starts it in the user's checkout, which it must not write; it writes into the cache. */
    static final class BisectStep extends CommandDefaults {
        BisectStep() {
            super(Map.of("--workload", "getppid"));
        }
    }

    static final class Slurm extends CommandDefaults {
        Slurm() {
            super(Map.of("--shards", "2"));
        }
    }
}
