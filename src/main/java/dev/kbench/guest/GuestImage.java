package dev.kbench.guest;

import dev.kbench.FileTrees;
import dev.kbench.kernel.Kernel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.zeroturnaround.exec.ProcessExecutor;
import org.zeroturnaround.exec.ProcessResult;

/**
 * The initramfs a kernel boots into: the guest agent as {@code /init} (and which build it is, in
 * {@code /kbench-agent.build}), the built-in workloads and any user programs under {@code /bin},
 * and the kernel's virtio modules with their load order. Images are cached by their inputs
 * (each file's identity: a jar entry's CRC and size, a host file's path, size and modification
 * time), so every fork of a run finds the same file without reading, archiving and hashing its
 * tens of megabytes again: in a fresh JVM that took most of a second per round
 * (docs/measurements.md). Keyed by inputs, the cache gains an image
 * whenever a user's program or kbench's guest binaries change, so an image unused for
 * {@link #UNUSED_FOR} is deleted when a new one is written; using one marks it used.
 */
public final class GuestImage {

    /** Where the build puts the C parts inside the jar (see pom.xml). */
    static final String RESOURCES = "guest/";
    /** The agent finds its virtio port through these, loaded in dependency order. */
    static final List<String> VIRTIO_CHANNEL_MODULES = List.of("virtio_pci", "virtio_console");
    static final String MODULES_DIR = "lib/modules/kbench/";
    /** How long an image may go unused before a new image's writing deletes it. */
    static final Duration UNUSED_FOR = Duration.ofDays(30);

    private final Path cacheDir;
    private final Map<String, Path> extraPrograms = new LinkedHashMap<>();
    private final List<String> extraModules = new ArrayList<>();
    private final List<String> builtIns = new ArrayList<>();
    private String init = "kbench-agent";

    public GuestImage(Path cacheDir) {
        this.cacheDir = cacheDir;
    }

    /** Adds a program of the user's at {@code /bin/<file name>}. */
    public GuestImage program(Path binary) {
        extraPrograms.put(binary.getFileName().toString(), binary);
        return this;
    }

    /**
     * Adds built-in workloads at {@code /bin/<name>}. Only the ones asked for: each is a static
     * binary of about 800 KiB, and every byte of the initramfs is copied at every boot.
     */
    public GuestImage workloads(List<String> names) throws IOException {
        List<String> known = builtInWorkloads();
        for (String name : names) {
            if (!known.contains(name)) {
                throw new IOException("unknown workload '" + name + "': the built-in ones are " + known);
            }
            builtIns.add(name);
        }
        return this;
    }

    /** Adds the workloads a session runs: built-in ones by name, the user's programs by path. */
    public GuestImage workloadsOf(List<Workload> workloads) throws IOException {
        for (Workload workload : workloads) {
            if (workload instanceof Workload.Program program) {
                program(program.path());
            } else {
                workloads(List.of(workload.id()));
            }
        }
        return this;
    }

    /** Also loads these kernel modules at boot, after the channel's (e.g. disk and network drivers for initrd mode). */
    public GuestImage modules(List<String> names) {
        extraModules.addAll(names);
        return this;
    }

    /** Uses another of kbench's guest binaries as {@code /init} (the baselines of docs/measurements.md). */
    public GuestImage init(String guestBinary) {
        this.init = guestBinary;
        return this;
    }

    /** The names of the workloads built into kbench, as {@code kbench run -w NAME} accepts them. */
    public static List<String> builtInWorkloads() throws IOException {
        String index = new String(resource("workloads/INDEX"), StandardCharsets.UTF_8);
        List<String> names = new ArrayList<>();
        for (String line : index.split("\n")) {
            if (!line.isBlank()) {
                names.add(line.strip());
            }
        }
        return names;
    }

    /** Writes (or finds in the cache) the initramfs for {@code kernel}, returning its path. */
    public Path buildFor(Kernel kernel) throws IOException {
        List<ImageInput> inputs = contents(kernel);
        Files.createDirectories(cacheDir);
        Path target = cacheDir.resolve(ImageInput.key(inputs) + ".cpio");
        if (markUsed(target)) {
            return target;
        }
        ByteArrayOutputStream archive = new ByteArrayOutputStream(8 << 20);
        builder(inputs).writeTo(archive);
        Path temporary = Files.createTempFile(cacheDir, ".initramfs", ".tmp");
        Files.write(temporary, archive.toByteArray());
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        deleteUnused(cacheDir, Instant.now().minus(UNUSED_FOR));
        return target;
    }

    /** Whether {@code image} is in the cache; if so its modification time says it was used now. */
    private static boolean markUsed(Path image) {
        if (!Files.exists(image)) {
            return false;
        }
        try {
            Files.setLastModifiedTime(image, FileTime.from(Instant.now()));
        } catch (IOException e) {
            // a cache another user owns: used as it is, unmarked
        }
        return true;
    }

    /** Deletes the images last used before {@code cutoff}; one another process deletes first is no error. */
    static void deleteUnused(Path cacheDir, Instant cutoff) throws IOException {
        try (Stream<Path> files = Files.list(cacheDir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("[0-9a-f]+\\.(cpio|ext4)")).toList()) {
                try {
                    if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
                        Files.deleteIfExists(file);
                    }
                } catch (NoSuchFileException gone) {
                    // deleted by another kbench meanwhile
                }
            }
        }
    }

    /**
     * The same guest as an ext4 root file system image (agent at {@code /init}), for kernels
     * that boot from a disk; cached under the hash of the initramfs with the same contents.
     */
    public Path buildRootfs(Kernel kernel) throws IOException {
        Path cpio = buildFor(kernel);
        Path target = cpio.resolveSibling(cpio.getFileName().toString().replace(".cpio", ".ext4"));
        if (markUsed(target)) {
            return target;
        }
        Path tree = Files.createTempDirectory(cacheDir, ".rootfs");
        Path temporary = Files.createTempFile(cacheDir, ".rootfs", ".tmp");
        try {
            long bytes = builder(contents(kernel)).writeTree(tree);
            long megabytes = Math.max(32, 2 * bytes / (1 << 20) + 16);
            ProcessResult result = new ProcessExecutor("mkfs.ext4", "-q", "-F", "-L", "kbench-root", "-d", tree.toString(),
                    temporary.toString(), megabytes + "M").readOutput(true).timeout(2, TimeUnit.MINUTES).execute();
            if (result.getExitValue() != 0) {
                throw new IOException("mkfs.ext4 could not make the root file system: " + result.outputUTF8().strip()
                        + " (it needs e2fsprogs 1.43 or newer for -d)");
            }
            return Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (TimeoutException e) {
            throw new IOException("mkfs.ext4 did not finish", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making the root file system", e);
        } finally {
            Files.deleteIfExists(temporary);
            FileTrees.delete(tree);
        }
    }

    /** What goes where in the guest's root, not yet read. */
    private List<ImageInput> contents(Kernel kernel) throws IOException {
        List<ImageInput> inputs = new ArrayList<>();
        inputs.add(new ImageInput.FromResource("init", init, 0755));
        if (init.equals("kbench-agent")) {
            byte[] build = (GuestBinaries.agentBuild() + "\n").getBytes(StandardCharsets.US_ASCII);
            inputs.add(new ImageInput.FromBytes(GuestBinaries.AGENT_BUILD_FILE, build, 0644));
        }
        for (String workload : builtIns) {
            inputs.add(new ImageInput.FromResource("bin/" + workload, "workloads/" + workload, 0755));
        }
        for (Map.Entry<String, Path> program : extraPrograms.entrySet()) {
            if (!Files.isRegularFile(program.getValue())) {
                throw new IOException("workload not found: " + program.getValue());
            }
            inputs.add(new ImageInput.FromFile("bin/" + program.getKey(), program.getValue(), 0755));
            // a dynamically linked workload finds its loader and libraries where it looks for them on the host
            for (Path library : SharedLibraries.of(program.getValue())) {
                inputs.add(new ImageInput.FromFile(library.toString(), library.toRealPath(), 0755));
            }
        }
        addModules(inputs, kernel.modules(), extraModules);
        return inputs;
    }

    private static Initramfs.Builder builder(List<ImageInput> inputs) throws IOException {
        Initramfs.Builder builder = Initramfs.builder();
        for (ImageInput input : inputs) {
            input.addTo(builder);
        }
        return builder;
    }

    private static void addModules(List<ImageInput> inputs, Optional<Path> modulesRoot, List<String> extra) throws IOException {
        if (modulesRoot.isEmpty()) {
            return; // virtio built in, or the agent falls back to the serial port
        }
        KernelModules modules = KernelModules.scan(modulesRoot.get());
        StringBuilder order = new StringBuilder();
        for (Path ko : modules.loadOrder(Stream.concat(VIRTIO_CHANNEL_MODULES.stream(), extra.stream()).toList())) {
            String file = ko.getFileName().toString();
            inputs.add(new ImageInput.FromFile(MODULES_DIR + file, ko, 0644));
            order.append(file).append('\n');
        }
        inputs.add(new ImageInput.FromBytes(MODULES_DIR + "order", order.toString().getBytes(StandardCharsets.UTF_8), 0644));
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = GuestImage.class.getClassLoader().getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IOException("kbench's guest binary " + name + " is missing from the classpath: build with 'mvn package' (needs gcc and static glibc)");
            }
            return in.readAllBytes();
        }
    }
}
