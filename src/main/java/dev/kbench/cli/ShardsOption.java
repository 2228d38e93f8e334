package dev.kbench.cli;

import picocli.CommandLine.Option;

/** {@code --shards}: how many shards a cluster runs an experiment as (slurm, k8s manifest). */
final class ShardsOption {

    @Option(names = "--shards", paramLabel = "N", descriptionKey = "shards",
            description = "How many shards the experiment is split into, each run on a node of its own. Default: ${DEFAULT-VALUE}.")
    Integer shards;
}
