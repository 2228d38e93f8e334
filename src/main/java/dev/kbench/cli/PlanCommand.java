package dev.kbench.cli;

import dev.kbench.results.JmhResults;
import dev.kbench.results.MeasurementPlan;
import dev.kbench.results.Numbers;
import dev.kbench.results.RunCosts;
import dev.kbench.results.RunLog;
import dev.kbench.results.RunRecord;
import dev.kbench.results.WorkloadResults;
import dev.kbench.results.format.MeasurementPlanText;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kbench plan}: how many rounds and runs resolve a given effect, from a result's own spread. */
@Command(name = "plan", mixinStandardHelpOptions = true, defaultValueProvider = CommandDefaults.Plan.class,
        description = "From a result (a run log, or a JMH JSON file), the spread between rounds and within them, and per workload the"
                + " rounds and runs that resolve --effect at 80%% power (Kalibera and Jones's two-level design); with a run log"
                + " also what that costs in time.")
final class PlanCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RESULT", description = "kbench run's run log (OUT.runs.jsonl: costs known) or a JMH JSON result file")
    Path result;

    @Option(names = "--effect", paramLabel = "PCT", converter = Converters.PercentConverter.class, defaultValue = "1", description = "The difference to resolve, in percent: 1, 1%% or 0.5%%. Default: ${DEFAULT-VALUE}.")
    double effect;

    /** For the time estimate. */
    @Mixin
    WarmupsOption warmups;

    @Override
    public Integer call() throws IOException {
        if (!(effect > 0 && effect < 100)) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--effect': '" + Numbers.asWritten(effect) + "': use a percentage above 0 and below 100");
        }
        if (result.getFileName().toString().endsWith(".jsonl")) {
            List<RunRecord> records = RunLog.read(result);
            for (String workload : records.stream().filter(RunRecord::measured).map(RunRecord::workload).distinct().toList()) {
                RunCosts costs = RunCosts.of(records, workload);
                List<RunRecord> ofWorkload = records.stream().filter(r -> workload.equals(r.workload())).toList();
                print(MeasurementPlan.of(workload, RunLog.rounds(ofWorkload), costs.runSeconds(), costs.roundSeconds()));
            }
        } else {
            for (WorkloadResults workload : JmhResults.workloads(List.of(result))) {
                RunCosts costs = RunCosts.UNKNOWN;
                print(MeasurementPlan.of(workload.name().isEmpty() ? "workload" : workload.name(), workload.kernels(), costs.runSeconds(),
                        costs.roundSeconds()));
            }
        }
        return 0;
    }

    private void print(MeasurementPlan plan) {
        System.out.println(MeasurementPlanText.line(plan, effect, warmups.warmups));
    }
}
