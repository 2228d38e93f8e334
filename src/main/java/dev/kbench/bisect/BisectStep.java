package dev.kbench.bisect;

import dev.kbench.KbenchException;
import dev.kbench.guest.Workload;
import dev.kbench.kernel.builder.BuildConfig;
import dev.kbench.kernel.builder.Compression;
import dev.kbench.kernel.builder.KernelBuilder;
import dev.kbench.plan.GuestSettings;
import dev.kbench.results.Effect;
import dev.kbench.results.format.VerdictText;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code kbench bisect-step}: one step of a bisection someone else drives ({@code git bisect run}):
 * the commit checked out in the user's repository, built in kbench's own clone (the checkout is
 * only read) and measured side by side with good and bad. Good, bad, or cannot be tested: it did
 * not build or boot, or it is neither (it carries part of the change, which git's bisection has no
 * word for).
 */
public final class BisectStep {

    /** What git bisect run is told. */
    public enum Answer {
        GOOD, BAD, CANNOT_TEST
    }

    private final BisectRequest request;
    private final GuestSettings guest;
    private final PrintStream out;

    public BisectStep(BisectRequest request, GuestSettings guest, PrintStream out) {
        this.request = request;
        this.guest = guest;
        this.out = out;
    }

    public Answer run() throws IOException {
        List<Workload> workloads = Workload.parseAll(request.workloads());
        KernelBuilder.requireTools(List.of(Compression.GZIP));
        GitRepository user = new GitRepository(request.repository());
        String commit = user.resolve("HEAD");
        String good = user.resolve(request.good());
        String bad = user.resolve(request.bad());
        try (BisectTree tree = BisectTree.open(guest.cache(), request.repository(), out)) {
            CommitKernels kernels = new CommitKernels(guest.cache(), tree, BuildConfig.parse(request.config()), request.makeJobs(), out);
            GitRepository.Commit described = tree.git().commit(commit);
            out.println("kbench bisect-step: " + described.describe() + " between good " + Bisection.name(good) + " and bad "
                    + Bisection.name(bad));
            Map<String, Path> images = new LinkedHashMap<>();
            for (String end : List.of(good, bad)) {
                CommitKernels.Built built = kernels.build(end);
                if (!built.ok()) {
                    throw new KbenchException(KbenchException.Kind.BAD_INPUT, (end.equals(good) ? "good " : "bad ") + Bisection.name(end)
                            + " does not build (" + built.cause() + "): give ends that build with --config " + request.config());
                }
                images.put(Bisection.name(end), built.image().get());
            }
            CommitKernels.Built built = kernels.build(commit);
            if (!built.ok()) {
                out.println("kbench bisect-step: " + Bisection.name(commit) + " does not build (" + built.cause() + "):"
                        + built.logTail().stream().map(l -> "\n    | " + l).collect(Collectors.joining()));
                return Answer.CANNOT_TEST;
            }
            if (commit.equals(good) || commit.equals(bad)) {
                return commit.equals(good) ? Answer.GOOD : Answer.BAD;
            }
            images.put(Bisection.name(commit), built.image().get());
            SideBySide side = SideBySide.of(guest, workloads, request.accel(), request.criteria(), request.rounds() > 0 ? request.rounds()
                    : SideBySide.firstRounds(request.accel()));
            Path folder = request.out().resolve("step-" + Bisection.name(commit));
            dev.kbench.FileTrees.delete(folder);
            SideBySide.Measured measured = side.measure(images, folder, out);
            if (!measured.complete()) {
                out.println("kbench bisect-step: " + Bisection.name(commit) + " could not be measured: " + measured.failure().get());
                return Answer.CANNOT_TEST;
            }
            Map<String, Effect> ends = Judge.ends(measured.byWorkload(), Bisection.name(good), Bisection.name(bad), request.criteria());
            List<String> regressed = ends.entrySet().stream().filter(e -> e.getValue().verdict().differs()).map(Map.Entry::getKey).toList();
            if (regressed.isEmpty()) {
                throw new KbenchException(KbenchException.Kind.BAD_INPUT, "good " + Bisection.name(good) + " and bad " + Bisection.name(bad)
                        + " do not differ on " + String.join(",", request.workloads()) + ": " + ends.entrySet().stream()
                        .map(e -> e.getKey() + " " + VerdictText.effect(e.getValue().overhead())).collect(Collectors.joining("; "))
                        + " (see " + folder + "): there is nothing to bisect");
            }
            List<Position> positions = Judge.positions(measured.byWorkload(), regressed, Bisection.name(good), Bisection.name(bad),
                    Bisection.name(commit), request.criteria());
            StepCall call = Judge.call(positions);
            out.println("kbench bisect-step: " + Bisection.name(commit) + " is " + call.word() + ": " + positions.stream()
                    .map(p -> p.workload() + " " + VerdictText.effect(p.againstGood().overhead(commit)) + " against good, "
                            + VerdictText.effect(p.againstBad().overhead(commit)) + " against bad, " + Math.round(p.share() * 100)
                            + " % of the change")
                    .collect(Collectors.joining("; ")) + (call == StepCall.NEITHER ? " (git is told: cannot test)" : ""));
            return call == StepCall.GOOD ? Answer.GOOD : call == StepCall.BAD ? Answer.BAD : Answer.CANNOT_TEST;
        }
    }
}
