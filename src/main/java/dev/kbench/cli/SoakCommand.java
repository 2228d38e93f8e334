package dev.kbench.cli;

import dev.kbench.plan.GuestSettings;
import dev.kbench.soak.Soak;
import dev.kbench.soak.SoakResult;
import dev.kbench.vm.Accel;
import dev.kbench.vm.Machine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code kbench soak}: many boots in a row under load, counting hangs; see docs/reliability.md. */
@Command(name = "soak", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Boots a kernel --boots times in a row while a second VM boots over and over beside it, and reports every boot"
                + " that did not reach the agent (with its console and QEMU's state) and the boot-time distribution."
                + " Exit status 3 when a measured boot failed. See docs/reliability.md.")
final class SoakCommand implements Callable<Integer> {

    @ParentCommand
    Kbench kbench;

    @Option(names = {"-k", "--kernel"}, defaultValue = "default", description = "The kernel (a path, 'default' or a variant). Default: ${DEFAULT-VALUE}.")
    String kernel;

    @Option(names = "--boots", defaultValue = "1000", description = "Measured boots. Default: ${DEFAULT-VALUE}.")
    int boots;

    @Option(names = "--minutes", defaultValue = "600", description = "Stop after this long even if fewer boots ran. Default: ${DEFAULT-VALUE}.")
    long minutes;

    @Option(names = "--machine", defaultValue = "pc", paramLabel = "pc|microvm", description = "pc or microvm. Default: ${DEFAULT-VALUE}.")
    Machine machine;

    @Option(names = "--accel", defaultValue = "tcg", paramLabel = "ACCEL", description = "tcg, icount, kvm or auto. Default: ${DEFAULT-VALUE}.")
    Accel accel;

    @Option(names = "--mem", defaultValue = "256", paramLabel = "MiB", description = "Guest memory. Default: ${DEFAULT-VALUE}.")
    int memoryMib;

    @Option(names = "--timeout", defaultValue = "60", paramLabel = "SECONDS",
            description = "A boot that has not reached the agent by then counts as a hang. Default: ${DEFAULT-VALUE}.")
    long timeoutSeconds;

    @Option(names = "--no-load", description = "Do not boot a second VM beside the measured one.")
    boolean noLoad;

    @Option(names = {"-o", "--out"}, defaultValue = "soak", paramLabel = "PREFIX",
            description = "Path prefix: PREFIX.soak.md, PREFIX.boots.jsonl, PREFIX.failed-boots/, PREFIX.load.*. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Override
    public Integer call() throws IOException {
        if (boots < 1 || minutes < 1 || timeoutSeconds < 1) {
            throw new IllegalArgumentException("--boots, --minutes and --timeout must be at least 1");
        }
        Soak.Settings settings = new Soak.Settings(kernel, machine, accel, memoryMib, boots, Duration.ofMinutes(minutes),
                Duration.ofSeconds(timeoutSeconds), !noLoad, GuestSettings.from(kbench.settings()), out);
        SoakResult result = new Soak(settings, System.out, System.console() != null).run();
        Path report = out.resolveSibling(out.getFileName() + ".soak.md");
        Files.writeString(report, result.markdown());
        System.out.println(result.summaryLine());
        System.out.println("kbench: wrote " + report);
        return result.measuredFailures() == 0 ? 0 : 3;
    }
}
