package dev.kbench.kernel;

import dev.kbench.FileTrees;
import dev.kbench.KbenchException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.zeroturnaround.exec.InvalidExitValueException;
import org.zeroturnaround.exec.ProcessExecutor;

/**
 * The embedded default kernel: a Debian {@code linux-image-*-cloud-amd64} package fetched with
 * apt, unpacked with dpkg-deb into the cache and recorded there with its version. Once a
 * package is cached, {@code default.properties} pins it, so the parent process, JMH forks and
 * tests all boot the same kernel without asking apt again.
 */
public final class DebianKernelPackage {

    public static final String META_PACKAGE = "linux-image-cloud-amd64";
    private static final String PINNED = "default.properties";
    private static final String RECORD = "kernel.properties";
    private static final Pattern DEPENDS = Pattern.compile("Depends:\\s*(linux-image-[0-9][^\\s]*-cloud-amd64)\\b");

    private final Path kernelsDir;
    private final PrintStream log;

    public DebianKernelPackage(Path kernelsDir, PrintStream log) {
        this.kernelsDir = kernelsDir;
        this.log = log;
    }

    /** The pinned default kernel, fetching the newest cloud kernel first if none is pinned yet. */
    public synchronized Kernel defaultKernel() throws IOException {
        Path pinned = kernelsDir.resolve(PINNED);
        if (Files.exists(pinned)) {
            String pkg = load(pinned).getProperty("package");
            Optional<Kernel> cached = cached(pkg);
            if (cached.isPresent()) {
                return cached.get();
            }
        }
        Kernel kernel = fetch(currentCloudPackage());
        Properties pin = new Properties();
        pin.setProperty("package", kernel.name());
        store(pin, pinned);
        return kernel;
    }

    /** The package a kernel of the cache was unpacked from, and its Debian version. */
    public Optional<String> versionOf(String pkg) throws IOException {
        Path record = kernelsDir.resolve(pkg).resolve(RECORD);
        return Files.exists(record) ? Optional.of(load(record).getProperty("version")) : Optional.empty();
    }

    /** The concrete package the cloud meta-package currently depends on, as apt sees it. */
    String currentCloudPackage() throws IOException {
        String output = run("apt-cache", "depends", META_PACKAGE);
        Matcher matcher = DEPENDS.matcher(output);
        if (!matcher.find()) {
            throw new KbenchException(KbenchException.Kind.INFRASTRUCTURE, "apt knows no " + META_PACKAGE + ": run 'apt-get update' (as root) and try again,"
                    + " or name a kernel with -k/--kernels or KBENCH_KERNEL");
        }
        return matcher.group(1);
    }

    /** Downloads and unpacks {@code pkg} unless it is cached already. */
    public synchronized Kernel fetch(String pkg) throws IOException {
        Optional<Kernel> cached = cached(pkg);
        if (cached.isPresent()) {
            return cached.get();
        }
        Files.createDirectories(kernelsDir);
        Path work = Files.createTempDirectory(kernelsDir, ".fetch-");
        try {
            log.println("kbench: fetching kernel package " + pkg + " with apt-get download ...");
            // apt drops privileges to _apt for downloads; a folder it can write avoids a warning.
            work.toFile().setWritable(true, false);
            run(work, "apt-get", "download", "-q", pkg);
            Path deb;
            try (Stream<Path> files = Files.list(work)) {
                deb = files.filter(p -> p.toString().endsWith(".deb")).findFirst()
                        .orElseThrow(() -> new KbenchException(KbenchException.Kind.INFRASTRUCTURE, "apt-get download " + pkg + " produced no .deb"));
            }
            String version = run("dpkg-deb", "-f", deb.toString(), "Version").trim();
            Path tree = work.resolve("tree");
            run("dpkg-deb", "-x", deb.toString(), tree.toString());
            Properties record = new Properties();
            record.setProperty("package", pkg);
            record.setProperty("version", version);
            store(record, tree.resolve(RECORD));
            Path target = kernelsDir.resolve(pkg);
            Files.move(tree, target, StandardCopyOption.ATOMIC_MOVE);
            log.println("kbench: kernel " + pkg + " " + version + " cached in " + target);
            return cached(pkg).orElseThrow(() -> new KbenchException(KbenchException.Kind.INFRASTRUCTURE, "unpacked " + pkg + " holds no /boot/vmlinuz-*"));
        } finally {
            FileTrees.delete(work);
        }
    }

    private Optional<Kernel> cached(String pkg) throws IOException {
        Path tree = kernelsDir.resolve(pkg);
        if (pkg == null || !Files.exists(tree.resolve(RECORD))) {
            return Optional.empty();
        }
        return PackageTree.kernelIn(tree).map(kernel -> kernel.named(pkg));
    }

    private static String run(String... command) throws IOException {
        return run(null, command);
    }

    private static String run(Path dir, String... command) throws IOException {
        try {
            ProcessExecutor executor = new ProcessExecutor(command).readOutput(true).exitValueNormal().timeout(10, TimeUnit.MINUTES);
            if (dir != null) {
                executor.directory(dir.toFile());
            }
            return executor.execute().outputUTF8();
        } catch (InvalidExitValueException e) {
            throw new KbenchException(KbenchException.Kind.INFRASTRUCTURE, String.join(" ", command) + " failed (exit " + e.getExitValue() + "): "
                    + lastLine(e.getResult().outputUTF8()), e);
        } catch (TimeoutException e) {
            throw new KbenchException(KbenchException.Kind.INFRASTRUCTURE, String.join(" ", command) + " did not finish within 10 minutes", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KbenchException(KbenchException.Kind.INFRASTRUCTURE, "interrupted while running " + command[0], e);
        } catch (IOException e) {
            throw new KbenchException(KbenchException.Kind.INFRASTRUCTURE, "cannot run " + command[0] + " (is it installed?): " + e.getMessage(), e);
        }
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1];
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        return properties;
    }

    private static void store(Properties properties, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            properties.store(out, "written by kbench");
        }
    }
}
