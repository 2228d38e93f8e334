package dev.kbench.cli;

import dev.kbench.ExitStatus;
import dev.kbench.results.KernelRounds;
import dev.kbench.run.Experiment;
import dev.kbench.run.InterleavedRun;
import dev.kbench.vm.Accel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs an experiment for a command and turns its outcome into what the user reads and the exit status. */
final class ExperimentExit {

    private ExperimentExit() {
    }

    /**
     * @param who how the command signs its lines: "kbench", "kbench demo", ...
     * @param resume continue the experiment from what it kept beside its output ({@code kbench run --resume})
     */
    static int run(Experiment experiment, String who, boolean resume) throws IOException {
        Finished finished = finish(experiment, who, resume);
        if (finished.status() == 0) {
            VerdictLines.printIfFew(who, finished.measured(), experiment.criteria(), finished.accel());
        }
        return finished.status();
    }

    /**
     * What an experiment's command ends with: its exit status and, when it is 0, what was measured, per workload the
     * rounds of each kernel (as one job measured them, or its jobs' merged).
     */
    record Finished(int status, Map<String, List<KernelRounds>> measured, Optional<Accel> accel) {

        static Finished failed() {
            return new Finished(ExitStatus.STOPPED.code(), Map.of(), Optional.empty());
        }
    }

    /** As {@link #run}, with what was measured. */
    static Finished finish(Experiment experiment, String who, boolean resume) throws IOException {
        InterleavedRun.Outcome outcome = new InterleavedRun(experiment, System.out, System.console() != null, resume).execute();
        System.out.println(who + ": wrote " + String.join(", ", outcome.files().stream().map(Path::toString).toList()));
        if (!outcome.complete()) {
            System.err.println("kbench: error: " + outcome.failure().get());
            System.err.println("kbench: the run stopped there; everything measured before it is kept in the files above; "
                    + InterleavedRun.resumeHint(experiment));
            return Finished.failed();
        }
        return new Finished(0, outcome.measured(), Optional.of(outcome.accel()));
    }
}
