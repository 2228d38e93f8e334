package dev.kbench.cli;

import dev.kbench.run.Experiment;
import java.util.ArrayList;
import java.util.List;

/**
 * The one seed every shard of an experiment that a scheduler starts (Slurm's tasks, Kubernetes'
 * pods) runs its order from: the run options' {@code --seed}, else one drawn here for all of
 * them. Each shard left to draw its own would run another order, and kbench merge would refuse
 * them as shards of different experiments.
 *
 * @param drawn whether kbench drew it (the run options gave none), so it must be added to them
 */
record ShardSeed(long value, boolean drawn) {

    /** The seed of {@code run}, the shards' run options as kbench run parsed them; drawn when they give none. */
    static ShardSeed of(RunCommand run) {
        Long given = run.experiment.seed;
        return given != null ? new ShardSeed(given, false) : new ShardSeed(Experiment.drawSeed(), true);
    }

    /** {@code runArgs}, with {@code --seed} added when it was drawn. */
    List<String> onto(List<String> runArgs) {
        if (!drawn) {
            return List.copyOf(runArgs);
        }
        List<String> args = new ArrayList<>(runArgs);
        args.addAll(List.of("--seed", Long.toString(value)));
        return List.copyOf(args);
    }

    /** The line saying it, as {@code kbench run}'s Order line says its seed. */
    String line(int shards) {
        return "kbench: seed " + value + (shards == 1 ? " for the one shard" : " for all " + shards + " shards") + " (--seed " + value
                + " repeats the order)";
    }
}
