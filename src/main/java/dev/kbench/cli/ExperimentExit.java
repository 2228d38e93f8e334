package dev.kbench.cli;

import dev.kbench.run.Experiment;
import dev.kbench.run.InterleavedRun;
import java.io.IOException;
import java.nio.file.Path;

/** Runs an experiment for a command and turns its outcome into what the user reads and the exit status. */
final class ExperimentExit {

    private ExperimentExit() {
    }

    /**
     * @param who how the command signs its lines: "kbench", "kbench demo", ...
     * @param resume continue the experiment from what it kept beside its output ({@code kbench run --resume})
     */
    static int run(Experiment experiment, String who, boolean resume) throws IOException {
        InterleavedRun.Outcome outcome = new InterleavedRun(experiment, System.out, System.console() != null, resume).execute();
        System.out.println(who + ": wrote " + String.join(", ", outcome.files().stream().map(Path::toString).toList()));
        if (!outcome.complete()) {
            System.err.println("kbench: error: " + outcome.failure().get());
            System.err.println("kbench: the run stopped there; everything measured before it is kept in the files above; "
                    + InterleavedRun.resumeHint(experiment));
            return 1;
        }
        return 0;
    }
}
