package dev.kbench.bisect;

import dev.kbench.KbenchException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.zeroturnaround.exec.ProcessExecutor;
import org.zeroturnaround.exec.ProcessResult;

/** git in one repository: what a bisection asks of it, each a {@code git -C DIR ...} of its own. */
final class GitRepository {

    /** A commit as a report names it. */
    record Commit(String hash, String subject, String date) {

        String shortHash() {
            return hash.substring(0, Math.min(12, hash.length()));
        }

        /** {@code 1b43b2b685cb getppid: spin a little (2024-01-01)}. */
        String describe() {
            return shortHash() + " " + subject + " (" + date + ")";
        }
    }

    private static final long TIMEOUT_MINUTES = 30;

    private final Path dir;

    GitRepository(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    /** {@code ref}'s commit, whole; a bad-input error naming the ref and the repository when there is none. */
    String resolve(String ref) throws IOException {
        ProcessResult result = git(false, "rev-parse", "--verify", "--quiet", ref + "^{commit}");
        if (result.getExitValue() != 0) {
            throw new KbenchException(KbenchException.Kind.BAD_INPUT, "no commit " + ref + " in " + dir
                    + ": give a branch, tag or hash that git rev-parse knows there");
        }
        return result.outputUTF8().strip();
    }

    Commit commit(String hash) throws IOException {
        String[] fields = ok("show", "-s", "--format=%H%n%s%n%cs", hash).split("\n", 3);
        return new Commit(fields[0], fields.length > 1 ? fields[1] : "", fields.length > 2 ? fields[2].strip() : "");
    }

    boolean isAncestor(String ancestor, String descendant) throws IOException {
        return git(false, "merge-base", "--is-ancestor", ancestor, descendant).getExitValue() == 0;
    }

    /** Commits in {@code good..bad}: what a bisection between them chooses from. */
    int count(String good, String bad) throws IOException {
        return Integer.parseInt(ok("rev-list", "--count", good + ".." + bad).strip());
    }

    /** The commits of {@code good..bad}, oldest first. */
    List<String> revList(String good, String bad) throws IOException {
        return List.of(ok("rev-list", "--reverse", "--topo-order", good + ".." + bad).strip().split("\n"));
    }

    String parent(String hash) throws IOException {
        return ok("rev-parse", hash + "^").strip();
    }

    String head() throws IOException {
        return ok("rev-parse", "HEAD").strip();
    }

    void checkout(String hash) throws IOException {
        ok("checkout", "-q", "--force", "--detach", hash);
    }

    /** A shared clone of {@code source} at {@code into}: its objects are read from the source's, which it never writes. */
    static GitRepository cloneShared(Path source, Path into) throws IOException {
        run(Path.of("/"), true, "git", "clone", "-q", "--shared", "--no-checkout", source.toString(), into.toString());
        return new GitRepository(into);
    }

    /** git's answer to a bisection command: its next commit to test, or the end. */
    record Answer(String text) {

        /** {@code HASH is the first bad commit}: the hash, when git says it. */
        java.util.Optional<String> firstBad() {
            for (String line : text.split("\n")) {
                if (line.endsWith(" is the first bad commit")) {
                    return java.util.Optional.of(line.substring(0, line.indexOf(' ')));
                }
            }
            return java.util.Optional.empty();
        }

        /** Only skipped commits are left: the hashes git lists as possibly the first bad one. */
        List<String> onlySkippedLeft() {
            List<String> hashes = new ArrayList<>();
            if (!text.contains("only 'skip'ped commits left")) {
                return hashes;
            }
            for (String line : text.split("\n")) {
                String stripped = line.strip();
                if (stripped.matches("[0-9a-f]{40}\\b.*")) {
                    hashes.add(stripped.substring(0, 40));
                }
            }
            return hashes;
        }
    }

    Answer bisectStart(String bad, String good) throws IOException {
        git(false, "bisect", "reset", "--quiet");
        return new Answer(ok("bisect", "start", bad, good));
    }

    /** {@code word}: good, bad or skip, of {@code hash}. */
    Answer bisect(String word, String hash) throws IOException {
        ProcessResult result = git(true, "bisect", word, hash);
        // git exits 2 when only skipped commits are left: an answer, not a failure
        if (result.getExitValue() != 0 && !result.outputUTF8().contains("only 'skip'ped commits left")) {
            throw failure(List.of("bisect", word, hash), result);
        }
        return new Answer(result.outputUTF8());
    }

    String bisectLog() throws IOException {
        return ok("bisect", "log");
    }

    void bisectReset() throws IOException {
        git(false, "bisect", "reset", "--quiet");
    }

    private String ok(String... args) throws IOException {
        ProcessResult result = git(true, args);
        if (result.getExitValue() != 0) {
            throw failure(List.of(args), result);
        }
        return result.outputUTF8();
    }

    private KbenchException failure(List<String> args, ProcessResult result) {
        String output = result.outputUTF8().strip();
        String last = output.isEmpty() ? "" : output.substring(output.lastIndexOf('\n') + 1);
        return new KbenchException(KbenchException.Kind.INFRASTRUCTURE, "git " + String.join(" ", args) + " failed in " + dir
                + " (exit " + result.getExitValue() + "): " + last);
    }

    private ProcessResult git(boolean mergeErrors, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        return run(dir, mergeErrors, command.toArray(String[]::new));
    }

    private static ProcessResult run(Path where, boolean mergeErrors, String... command) throws IOException {
        try {
            ProcessExecutor executor = new ProcessExecutor(command).readOutput(true).redirectErrorStream(mergeErrors)
                    .environment("GIT_TERMINAL_PROMPT", "0").destroyOnExit().timeout(TIMEOUT_MINUTES, TimeUnit.MINUTES);
            ProcessResult result = executor.execute();
            if (command.length > 1 && command[1].equals("clone") && result.getExitValue() != 0) {
                throw new KbenchException(KbenchException.Kind.INFRASTRUCTURE, "git clone of " + command[command.length - 2]
                        + " failed: " + result.outputUTF8().strip());
            }
            return result;
        } catch (TimeoutException e) {
            throw new KbenchException(KbenchException.Kind.INFRASTRUCTURE, "git " + String.join(" ", command) + " in " + where
                    + " did not finish within " + TIMEOUT_MINUTES + " min", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KbenchException(KbenchException.Kind.INFRASTRUCTURE, "interrupted during git in " + where, e);
        }
    }
}
