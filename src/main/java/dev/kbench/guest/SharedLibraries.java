package dev.kbench.guest;

import dev.kbench.KbenchException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.zeroturnaround.exec.ProcessExecutor;
import org.zeroturnaround.exec.ProcessResult;

/**
 * The ELF interpreter and shared libraries a dynamically linked workload needs, as the host's
 * dynamic loader resolves them ({@code ldd}). kbench puts them into the guest at the same
 * paths, so a user's program runs there unchanged. A static program needs none.
 */
public final class SharedLibraries {

    /** {@code libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x...)} or {@code /lib64/ld-linux-x86-64.so.2 (0x...)}. */
    private static final Pattern RESOLVED = Pattern.compile("^\\s*(?:\\S+\\s+=>\\s+)?(/\\S+)\\s+\\(0x[0-9a-f]+\\)\\s*$");
    private static final Pattern MISSING = Pattern.compile("^\\s*(\\S+)\\s+=>\\s+not found\\s*$");

    private SharedLibraries() {
    }

    /** The absolute paths {@code program} loads at run time; empty for a static program. */
    public static List<Path> of(Path program) throws IOException {
        ProcessResult result;
        try {
            result = new ProcessExecutor("ldd", program.toAbsolutePath().toString()).readOutput(true)
                    .timeout(30, TimeUnit.SECONDS).execute();
        } catch (TimeoutException e) {
            throw new KbenchException(KbenchException.Kind.INFRASTRUCTURE, "ldd did not finish on " + program, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KbenchException(KbenchException.Kind.INFRASTRUCTURE, "interrupted while reading the libraries of " + program, e);
        }
        String output = result.outputUTF8();
        if (output.contains("not a dynamic executable") || output.contains("statically linked")) {
            return List.of();
        }
        if (result.getExitValue() != 0) {
            throw new KbenchException(KbenchException.Kind.BAD_INPUT, "cannot tell which libraries " + program + " needs: ldd says " + output.strip());
        }
        return parse(program, output);
    }

    static List<Path> parse(Path program, String lddOutput) throws IOException {
        List<Path> libraries = new ArrayList<>();
        for (String line : lddOutput.split("\n")) {
            Matcher missing = MISSING.matcher(line);
            if (missing.matches()) {
                throw new KbenchException(KbenchException.Kind.BAD_INPUT, "workload " + program + " needs " + missing.group(1) + ", which this host does not have either");
            }
            Matcher resolved = RESOLVED.matcher(line);
            if (resolved.matches() && Files.exists(Path.of(resolved.group(1)))) {
                libraries.add(Path.of(resolved.group(1)));
            }
        }
        return libraries;
    }
}
