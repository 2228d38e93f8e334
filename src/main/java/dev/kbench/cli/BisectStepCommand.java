package dev.kbench.cli;

import dev.kbench.ExitStatus;
import dev.kbench.bisect.BisectRequest;
import dev.kbench.bisect.BisectStep;
import dev.kbench.plan.GuestSettings;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code kbench bisect-step}: good (0), bad (1) or cannot test (125) for {@code git bisect run}. */
@Command(name = "bisect-step", mixinStandardHelpOptions = true, sortOptions = false, defaultValueProvider = CommandDefaults.BisectStep.class,
        description = {"For git bisect run: builds the commit checked out in --repo (in kbench's own clone: the checkout is only read),",
            "measures it side by side with --good and --bad, and exits 0 when it is the same as good, 1 when the same as bad, and 125",
            "(git: skip it) when it does not build or boot or is neither. Its own errors exit 2 to 5, which git bisect run reads as bad:",
            "see docs/bisect.md for the line that stops git instead."})
final class BisectStepCommand implements Callable<Integer> {

    @ParentCommand
    Kbench kbench;

    @Mixin
    BisectOptions bisect;

    @Mixin
    OutputOption output;

    @Override
    public Integer call() throws IOException {
        GuestSettings guest = GuestSettings.from(kbench.settings());
        BisectRequest request = bisect.request(output.out != null ? output.out : guest.cache().folder("bisect-step"));
        return switch (new BisectStep(request, guest, System.out).run()) {
            case GOOD -> ExitStatus.DONE.code();
            case BAD -> 1;
            case CANNOT_TEST -> ExitStatus.BISECT_SKIP.code();
        };
    }
}
