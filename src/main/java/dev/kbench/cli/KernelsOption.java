package dev.kbench.cli;

import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code -k}: the kernels a command boots, by path, 'default' or a variant's name. */
final class KernelsOption {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = {"-k", "--kernels"}, arity = "1..*", split = ",", paramLabel = "KERNEL...", hideParamSyntax = true, descriptionKey = "kernels",
            description = "The kernels: paths to bzImage/vmlinux files, 'default' (the Debian cloud kernel), or variant names"
                    + " (--variant, --variants); space- or comma-separated.")
    List<String> kernels;

    /** The kernels, or picocli's usage error for a missing required option (required only where --resume is not given). */
    List<String> required() {
        if (kernels == null) {
            throw new ParameterException(spec.commandLine(), "Missing required option: '--kernels=KERNELS'");
        }
        return List.copyOf(kernels);
    }

    /** The one kernel of a command that boots one; a usage error for several. */
    String one() {
        List<String> given = required();
        if (given.size() > 1) {
            throw new ParameterException(spec.commandLine(), "-k takes one kernel here, not " + given.size());
        }
        return given.get(0);
    }
}
