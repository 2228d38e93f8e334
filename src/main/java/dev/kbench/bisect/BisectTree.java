package dev.kbench.bisect;

import dev.kbench.CacheDirectory;
import dev.kbench.KbenchException;
import dev.kbench.kernel.builder.KernelBuilder;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A bisection's own checkout of the user's repository, in kbench's cache: a shared clone
 * ({@code CACHE/bisect/KEY/src}, its objects read from the user's repository, which is never
 * written), and beside it the build folders that stay from one bisection of that repository to the
 * next. Held under a lock, so a second kbench bisecting the same repository waits rather than
 * moving the first one's checkout under its build.
 */
final class BisectTree implements AutoCloseable {

    private final GitRepository git;
    private final Path folder;
    private final FileChannel channel;
    private final FileLock lock;

    private BisectTree(GitRepository git, Path folder, FileChannel channel, FileLock lock) {
        this.git = git;
        this.folder = folder;
        this.channel = channel;
        this.lock = lock;
    }

    static BisectTree open(CacheDirectory cache, Path repository, PrintStream out) throws IOException {
        if (!Files.exists(repository.resolve(".git"))) {
            throw new KbenchException(KbenchException.Kind.BAD_INPUT, repository + " is not a git checkout (no .git in it): give --repo"
                    + " the top folder of your Linux tree");
        }
        Path real = repository.toRealPath();
        Path folder = cache.folder("bisect").resolve(KernelBuilder.hash(real.toString()));
        Files.createDirectories(folder);
        FileChannel channel = FileChannel.open(folder.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock();
        if (lock == null) {
            out.println("kbench bisect: another kbench is bisecting " + real + "; waiting for it to finish ...");
            lock = channel.lock();
        }
        try {
            Path src = folder.resolve("src");
            GitRepository git;
            if (Files.isDirectory(src.resolve(".git"))) {
                git = new GitRepository(src);
            } else {
                out.println("kbench bisect: cloning " + real + " into " + src + " (shared: its objects stay in your repository)");
                git = GitRepository.cloneShared(real, src);
            }
            return new BisectTree(git, folder, channel, lock);
        } catch (IOException | RuntimeException e) {
            lock.release();
            channel.close();
            throw e;
        }
    }

    GitRepository git() {
        return git;
    }

    /** The one build folder of a configuration, reused by every step: {@code KEY} names the configuration. */
    Path buildFolder(String key) {
        return folder.resolve("build-" + key);
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
