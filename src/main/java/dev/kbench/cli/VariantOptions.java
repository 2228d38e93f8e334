package dev.kbench.cli;

import dev.kbench.KbenchException;
import dev.kbench.kernel.Variants;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --variant} and {@code --variants}: kernels named with extra kernel command-line arguments, for -k. */
final class VariantOptions {

    @Option(names = "--variant", paramLabel = "NAME=KERNEL [ARGS]",
            description = "Defines a kernel variant, e.g. 'caponly=default lsm=capability': the kernel with extra kernel"
                    + " command-line arguments, named for -k and the results. Repeatable.")
    List<String> definitions = new ArrayList<>();

    @Option(names = "--variants", paramLabel = "FILE", description = "A file of variants, one 'NAME = KERNEL [ARGS]' a line.")
    Path file;

    /** --variants, then every --variant (a name given twice takes the later definition). */
    Variants variants() throws IOException {
        Variants all = file != null ? Variants.read(file) : Variants.NONE;
        StringBuilder text = new StringBuilder();
        for (String definition : definitions) {
            int equals = definition.indexOf('=');
            if (equals <= 0) {
                throw new KbenchException(KbenchException.Kind.BAD_INPUT, "--variant '" + definition
                        + "' must be NAME=KERNEL [ARGS], e.g. caponly=default lsm=capability");
            }
            text.append(definition.substring(0, equals).strip()).append(" = ").append(definition.substring(equals + 1).strip()).append('\n');
        }
        return all.and(Variants.parse(text.toString(), "--variant"));
    }
}
