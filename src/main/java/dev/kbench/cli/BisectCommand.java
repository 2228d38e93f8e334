package dev.kbench.cli;

import dev.kbench.bisect.BisectRequest;
import dev.kbench.bisect.Bisection;
import dev.kbench.plan.GuestSettings;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code kbench bisect}: the commit that made a kernel slower (or faster), by git's bisection with kbench's measurements. */
@Command(name = "bisect", mixinStandardHelpOptions = true, sortOptions = false, defaultValueProvider = CommandDefaults.Bisect.class,
        description = {"Finds the commit between --good and --bad that changed a workload's cost: builds each commit git's bisection",
            "proposes (in a shared clone in kbench's cache, one build folder, ccache when installed), measures it side by side with the",
            "ends of its range and calls it good, bad or neither; a change spread over several commits ends with each and its share.",
            "Ends with the first bad commit confirmed against its parent, a table of every step, git's bisect log and a plot."})
final class BisectCommand implements Callable<Integer> {

    @ParentCommand
    Kbench kbench;

    @Spec
    CommandSpec spec;

    @Mixin
    ResumeOption resume;

    @Mixin
    BisectOptions bisect;

    @Mixin
    OutputOption output;

    @Override
    public Integer call() throws IOException {
        GuestSettings guest = GuestSettings.from(kbench.settings());
        if (resume.resume != null) {
            var others = spec.commandLine().getParseResult().matchedOptions().stream().map(OptionSpec::longestName)
                    .filter(name -> !name.equals("--resume")).toList();
            if (!others.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--resume continues the bisection as it was recorded: drop "
                        + String.join(", ", others));
            }
            BisectRequest recorded = Bisection.recorded(resume.resume.toAbsolutePath());
            new Bisection(recorded, guest, System.out, true).run();
            return dev.kbench.ExitStatus.DONE.code();
        }
        BisectRequest request = bisect.request(output.out);
        // nothing to bisect and a first bad commit found are both answers: 0
        new Bisection(request, guest, System.out, false).run();
        return dev.kbench.ExitStatus.DONE.code();
    }
}
