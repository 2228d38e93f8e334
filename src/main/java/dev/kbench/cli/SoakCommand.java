package dev.kbench.cli;

import dev.kbench.ExitStatus;
import dev.kbench.plan.GuestSettings;
import dev.kbench.soak.Soak;
import dev.kbench.soak.SoakResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code kbench soak}: many boots in a row under load, counting hangs; see docs/reliability.md. */
@Command(name = "soak", mixinStandardHelpOptions = true, sortOptions = false, defaultValueProvider = CommandDefaults.Soak.class,
        description = "Boots a kernel --boots times in a row while a second VM boots over and over beside it, and reports every boot"
                + " that did not reach the agent (with its console and QEMU's state) and the boot-time distribution."
                + " Exit status 3 when a measured boot failed. See docs/reliability.md.")
final class SoakCommand implements Callable<Integer> {

    @ParentCommand
    Kbench kbench;

    @Spec
    CommandSpec spec;

    @Mixin
    KernelsOption kernel;

    @Mixin
    BootsOption boots;

    @Option(names = "--minutes", defaultValue = "600", description = "Stop after this long even if fewer boots ran. Default: ${DEFAULT-VALUE}.")
    long minutes;

    @Mixin
    VmOptions vm;

    @Option(names = "--boot-timeout", defaultValue = "60", paramLabel = "SECONDS",
            description = "A boot that has not reached the agent by then counts as a hang. Default: ${DEFAULT-VALUE}.")
    long timeoutSeconds;

    @Option(names = "--no-load", description = "Do not boot a second VM beside the measured one.")
    boolean noLoad;

    @Mixin
    OutputOption output;

    @Override
    public Integer call() throws IOException {
        if (boots.boots < 1 || minutes < 1 || timeoutSeconds < 1) {
            throw new ParameterException(spec.commandLine(), "--boots, --minutes and --boot-timeout must be at least 1");
        }
        Path out = output.out;
        Soak.Settings settings = new Soak.Settings(kernel.one(), vm.machine, vm.accel(), vm.memory.one(256), boots.boots, Duration.ofMinutes(minutes),
                Duration.ofSeconds(timeoutSeconds), !noLoad, GuestSettings.from(kbench.settings()), out);
        SoakResult result = new Soak(settings, System.out, System.console() != null).run();
        Path report = out.resolveSibling(out.getFileName() + ".soak.md");
        Files.writeString(report, result.markdown());
        System.out.println(result.summaryLine());
        System.out.println("kbench: wrote " + report);
        return (result.measuredFailures() == 0 ? ExitStatus.DONE : ExitStatus.BOOT_FAILURE).code();
    }
}
