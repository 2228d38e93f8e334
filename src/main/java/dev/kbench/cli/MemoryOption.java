package dev.kbench.cli;

import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --mem}: the guest's memory in MiB. kbench boot boots each of several sizes; every other
 * command takes one ({@link #one}). Defaults are the commands' own ({@link CommandDefaults}).
 */
final class MemoryOption {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--mem", arity = "1..*", paramLabel = "MiB", descriptionKey = "mem",
            description = "Guest memory in MiB. Default: ${DEFAULT-VALUE}.")
    List<Integer> sizes;

    /** Every size given, or the command's default. */
    List<Integer> all() {
        return sizes == null ? List.of() : List.copyOf(sizes);
    }

    /** The one size of a command that boots one, or {@code fallback} when neither given nor defaulted; a usage error for several. */
    int one(int fallback) {
        if (sizes == null || sizes.isEmpty()) {
            return fallback;
        }
        if (sizes.size() > 1) {
            throw new ParameterException(spec.commandLine(), "--mem takes one size here: only kbench boot boots several");
        }
        return sizes.get(0);
    }
}
