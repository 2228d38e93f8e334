package dev.kbench.bisect;

import dev.kbench.FileTrees;
import dev.kbench.KbenchException;
import dev.kbench.guest.Workload;
import dev.kbench.kernel.builder.BuildConfig;
import dev.kbench.kernel.builder.Compression;
import dev.kbench.kernel.builder.KernelBuilder;
import dev.kbench.plan.GuestSettings;
import dev.kbench.results.Effect;
import dev.kbench.results.KernelRounds;
import dev.kbench.results.Measure;
import dev.kbench.results.MeasurementPlan;
import dev.kbench.results.Numbers;
import dev.kbench.results.format.Durations;
import dev.kbench.results.format.VerdictText;
import dev.kbench.vm.Accel;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code kbench bisect}: from two commits whose kernels differ on a workload to the commit (or
 * commits) that made them differ. The ends are built and measured side by side first; then git's
 * own bisection proposes each commit, which is built in the bisection's tree and measured side by
 * side with the ends of its range, and called good, bad, neither or skipped. A commit that is
 * neither ends that range's bisection and starts one on each side of it, so a change spread over
 * several commits ends with each of them and its share. Every first bad commit is confirmed
 * against its parent, side by side with the bisection's ends, once more.
 */
public final class Bisection {

    /** How a bisection ended, for the exit status. */
    public enum End {
        /** The ends do not differ: nothing to bisect. */
        NOTHING,
        /** It named the commits the change is in. */
        FOUND
    }

    private static final Pattern ROUGHLY = Pattern.compile("roughly (\\d+) steps?");

    private final BisectRequest request;
    private final GuestSettings guest;
    private final PrintStream out;
    private final boolean resume;
    private final List<Duration> stepTimes = new ArrayList<>();
    private BisectRecord record;
    private int stepNumber;

    /**
     * @param resume continue the bisection recorded in the request's output folder: its kept steps
     *     are answered from there, not built and measured again
     */
    public Bisection(BisectRequest request, GuestSettings guest, PrintStream out, boolean resume) {
        this.request = request;
        this.guest = guest;
        this.out = out;
        this.resume = resume;
    }

    /** The request a bisection recorded in {@code out}, for {@code --resume}. */
    public static BisectRequest recorded(Path out) throws IOException {
        return BisectRecord.read(out).request();
    }

    public End run() throws IOException {
        Path outFolder = request.out();
        if (!resume && Files.exists(BisectRecord.in(outFolder))) {
            throw new KbenchException(KbenchException.Kind.BAD_INPUT, outFolder + " holds a bisection already: continue it with"
                    + " kbench bisect --resume " + outFolder + ", or give another -o");
        }
        record = resume ? BisectRecord.read(outFolder) : BisectRecord.start(request);
        List<Workload> workloads = Workload.parseAll(request.workloads());
        BuildConfig config = BuildConfig.parse(request.config());
        KernelBuilder.requireTools(List.of(Compression.GZIP));
        try (BisectTree tree = BisectTree.open(guest.cache(), request.repository(), out)) {
            GitRepository git = tree.git();
            String good = new GitRepository(request.repository()).resolve(request.good());
            String bad = new GitRepository(request.repository()).resolve(request.bad());
            if (!git.isAncestor(good, bad)) {
                throw new KbenchException(KbenchException.Kind.BAD_INPUT, "good " + request.good() + " (" + name(good) + ") is not an"
                        + " ancestor of bad " + request.bad() + " (" + name(bad) + "): git bisects from an older good commit to a newer bad one");
            }
            CommitKernels kernels = new CommitKernels(guest.cache(), tree, config, request.makeJobs(), out);
            git.bisectReset();
            if (record.ends() == null) {
                record = record.withEnds(measureEnds(git, kernels, workloads, good, bad));
                record.write(outFolder);
            } else {
                out.println("kbench bisect: resuming " + outFolder + ": good " + record.ends().good().describe() + ", bad "
                        + record.ends().bad().describe() + ", " + record.steps().size() + " steps kept");
            }
            BisectRecord.Ends ends = record.ends();
            List<String> regressed = ends.effects().stream().filter(e -> differs(e.badAgainstGood())).map(BisectRecord.EndEffect::workload)
                    .toList();
            if (regressed.isEmpty()) {
                out.println("kbench bisect: good and bad are the same on " + ends.effects().stream()
                        .map(e -> e.workload() + ": " + VerdictText.effect(e.badAgainstGood().overhead("bad")))
                        .collect(Collectors.joining("; ")) + "; nothing to bisect");
                new BisectReport(record).write(outFolder, out);
                return End.NOTHING;
            }
            SideBySide steps = SideBySide.of(guest, workloads, ends.accel(), request.criteria(), ends.stepRounds());
            List<Finding> findings = new ArrayList<>();
            List<String> logs = new ArrayList<>();
            Deque<String[]> ranges = new ArrayDeque<>();
            ranges.add(new String[] {good, bad});
            while (!ranges.isEmpty()) {
                String[] range = ranges.poll();
                bisectRange(git, kernels, steps, regressed, range[0], range[1], ranges, logs).ifPresent(findings::add);
            }
            List<Finding> kept = record.findings();
            List<Finding> confirmed = new ArrayList<>();
            for (Finding finding : findings) {
                Optional<Finding> before = kept.stream().filter(f -> f.commit().equals(finding.commit()) && !f.confirmations().isEmpty())
                        .findFirst();
                if (before.isPresent()) {
                    out.println("kbench bisect: first bad commit " + name(finding.commit()) + ": its confirmation is kept from the run before");
                    confirmed.add(before.get());
                } else {
                    confirmed.add(finding.candidates().isEmpty() ? confirm(git, kernels, steps, regressed, finding) : finding);
                }
                // each confirmation kept as it ends: a bisection killed during the next one resumes there
                List<Finding> sofar = new ArrayList<>(confirmed);
                kept.stream().filter(f -> sofar.stream().noneMatch(c -> c.commit().equals(f.commit()))).forEach(sofar::add);
                record = record.withFindings(sofar, logs);
                record.write(outFolder);
            }
            record = record.withFindings(confirmed, logs);
            record.write(outFolder);
            new BisectReport(record).write(outFolder, out);
            return End.FOUND;
        }
    }

    private BisectRecord.Ends measureEnds(GitRepository git, CommitKernels kernels, List<Workload> workloads, String good, String bad)
            throws IOException {
        GitRepository.Commit goodCommit = git.commit(good);
        GitRepository.Commit badCommit = git.commit(bad);
        List<String> range = git.revList(good, bad);
        out.println("kbench bisect: good " + goodCommit.describe() + ", bad " + badCommit.describe() + ": " + range.size()
                + " commits, about " + about(range.size()) + " steps");
        long start = System.nanoTime();
        Path goodImage = buildEnd(kernels, goodCommit, "good");
        Path badImage = buildEnd(kernels, badCommit, "bad");
        double buildSeconds = seconds(System.nanoTime() - start);
        int rounds = request.rounds() > 0 ? request.rounds() : SideBySide.firstRounds(request.accel());
        SideBySide side = SideBySide.of(guest, workloads, request.accel(), request.criteria(), rounds);
        Map<String, Path> images = new LinkedHashMap<>();
        images.put(name(good), goodImage);
        images.put(name(bad), badImage);
        out.println("kbench bisect: measuring good and bad side by side (" + request.workloads().stream().collect(Collectors.joining(","))
                + ", " + rounds + " rounds each to start with) ...");
        SideBySide.Measured measured = measureFresh(side, images, request.out().resolve("ends"));
        if (!measured.complete()) {
            throw new KbenchException(KbenchException.Kind.GUEST_FAILURE, "good and bad could not be measured: " + measured.failure().get()
                    + "; see " + measured.folder().resolve("run.log"));
        }
        Map<String, Effect> effects = Judge.ends(measured.byWorkload(), name(good), name(bad), request.criteria());
        List<BisectRecord.EndEffect> endEffects = new ArrayList<>();
        effects.forEach((workload, effect) -> {
            endEffects.add(new BisectRecord.EndEffect(workload, Position.Side.of(effect)));
            out.println("kbench bisect: " + workload + ": " + VerdictText.sentence("good", "bad", effect, request.criteria(),
                    measureOf(measured.accel())));
        });
        if (endEffects.stream().noneMatch(e -> differs(e.badAgainstGood())) && endEffects.stream().anyMatch(e -> !e.badAgainstGood().same())) {
            throw new KbenchException(KbenchException.Kind.BAD_INPUT, "good " + name(good) + " and bad " + name(bad)
                    + " are neither the same nor different within ±" + Numbers.asWritten(request.thresholdPercent()) + " % (see "
                    + measured.folder().resolve("measure.comparison.md") + "): give a --threshold the workload resolves (kbench plan"
                    + " says which), or --accel icount");
        }
        return new BisectRecord.Ends(goodCommit, badCommit, range, endEffects, measured.accel(), stepRounds(side, measured),
                buildSeconds, seconds(measured.took().toNanos()), request.out().relativize(measured.folder()).toString());
    }

    /** Rounds per step: icount's 2, or under TCG and KVM what the ends' spread needs to resolve the threshold (kbench plan's rule). */
    private int stepRounds(SideBySide side, SideBySide.Measured ends) {
        Accel accel = ends.accel();
        if (request.rounds() > 0) {
            return request.rounds();
        }
        if (accel == Accel.ICOUNT) {
            return SideBySide.ICOUNT_ROUNDS;
        }
        int most = SideBySide.ICOUNT_ROUNDS;
        for (Map.Entry<String, List<KernelRounds>> workload : ends.byWorkload().entrySet()) {
            MeasurementPlan plan = MeasurementPlan.of(workload.getKey(), workload.getValue(), OptionalDouble.empty(), OptionalDouble.empty());
            if (plan.estimable()) {
                most = Math.max(most, plan.roundsFor(request.thresholdPercent(), side.runsPerRound()));
            }
        }
        int rounds = Math.min(most, SideBySide.TIMED_MAX_ROUNDS);
        out.println("kbench bisect: under " + accel.name().toLowerCase(java.util.Locale.ROOT) + " the ends' spread asks for " + rounds
                + " rounds per kernel and step to resolve ±" + request.thresholdPercent() + " %");
        return rounds;
    }

    private Path buildEnd(CommitKernels kernels, GitRepository.Commit commit, String end) throws IOException {
        out.println("kbench bisect: building " + end + " " + commit.describe() + " ...");
        CommitKernels.Built built = kernels.build(commit.hash());
        if (!built.ok()) {
            out.println("kbench bisect: the end of its build log:" + tailText(built.logTail()));
            throw new KbenchException(KbenchException.Kind.BAD_INPUT, end + " commit " + commit.describe() + " does not build ("
                    + built.cause() + "): give a " + end + " commit that builds with --config " + request.config());
        }
        out.println("kbench bisect: " + end + " " + (built.cached() ? "was built before" : "built in " + Durations.human(built.took())));
        return built.image().get();
    }

    /** One range's bisection by git, until it names its first bad commit or a commit in it is neither. */
    private Optional<Finding> bisectRange(GitRepository git, CommitKernels kernels, SideBySide steps, List<String> regressed, String good,
            String bad, Deque<String[]> ranges, List<String> logs) throws IOException {
        if (!good.equals(record.ends().good().hash()) || !bad.equals(record.ends().bad().hash())) {
            int count = git.count(good, bad);
            out.println("kbench bisect: bisecting " + name(good) + ".." + name(bad) + " (" + count + (count == 1 ? " commit" : " commits")
                    + ") on its own");
        }
        GitRepository.Answer answer = git.bisectStart(bad, good);
        Optional<Finding> found = Optional.empty();
        while (true) {
            Optional<String> first = answer.firstBad();
            if (first.isPresent()) {
                GitRepository.Commit commit = git.commit(first.get());
                found = Optional.of(new Finding(commit.hash(), commit.subject(), commit.date(), git.parent(commit.hash()), List.of(), List.of(), ""));
                break;
            }
            List<String> candidates = answer.onlySkippedLeft();
            if (!candidates.isEmpty()) {
                out.println("kbench bisect: only commits that cannot be tested are left: the first bad commit of " + name(good) + ".."
                        + name(bad) + " is one of " + candidates.stream().map(Bisection::name).collect(Collectors.joining(", ")));
                GitRepository.Commit last = git.commit(candidates.get(candidates.size() - 1));
                found = Optional.of(new Finding(last.hash(), last.subject(), last.date(), "", List.of(), candidates, ""));
                break;
            }
            String commit = git.head();
            StepRecord step = stepOf(git, kernels, steps, regressed, good, bad, commit, roughly(answer.text()));
            StepCall call = step.stepCall();
            if (call == StepCall.NEITHER) {
                ranges.add(new String[] {good, commit});
                ranges.add(new String[] {commit, bad});
                break;
            }
            answer = git.bisect(call == StepCall.SKIPPED ? "skip" : call.word(), commit);
        }
        String log = "git-bisect-" + (logs.size() + 1) + ".log";
        Files.writeString(request.out().resolve(log), git.bisectLog(), StandardCharsets.UTF_8);
        logs.add(log);
        git.bisectReset();
        return found;
    }

    /** The step of {@code commit} in good..bad: kept from an earlier run of this bisection, or built and measured now. */
    private StepRecord stepOf(GitRepository git, CommitKernels kernels, SideBySide steps, List<String> regressed, String good, String bad,
            String commit, int left) throws IOException {
        stepNumber++;
        GitRepository.Commit described = git.commit(commit);
        String eta = stepTimes.isEmpty() ? "" : ", ETA " + Durations.human(mean(stepTimes).multipliedBy(left + 1L + 1L));
        out.println("kbench bisect: step " + stepNumber + " of about " + (stepNumber + left) + ": " + described.describe() + eta);
        Optional<StepRecord> kept = record.kept(good, bad, commit);
        if (kept.isPresent()) {
            out.println("kbench bisect: step " + stepNumber + ": " + name(commit) + " is " + kept.get().call() + " (kept from the run before)");
            return kept.get();
        }
        long start = System.nanoTime();
        StepRecord step = measureStep(kernels, steps, regressed, good, bad, described);
        stepTimes.add(Duration.ofNanos(System.nanoTime() - start));
        record = record.withStep(step);
        record.write(request.out());
        return step;
    }

    private StepRecord measureStep(CommitKernels kernels, SideBySide steps, List<String> regressed, String good, String bad,
            GitRepository.Commit commit) throws IOException {
        String hash = commit.hash();
        CommitKernels.Built built = kernels.build(hash);
        if (!built.ok()) {
            out.println("kbench bisect: step " + stepNumber + ": " + name(hash) + " does not build: skipped (" + built.cause()
                    + "); the end of its build log:" + tailText(built.logTail()));
            return new StepRecord(stepNumber, good, bad, hash, commit.subject(), commit.date(), StepCall.SKIPPED.word(), List.of(),
                    seconds(built.took().toNanos()), 0, "", "does not build: " + built.cause(), built.logTail());
        }
        out.println("kbench bisect: step " + stepNumber + ": " + (built.cached() ? "built before" : "built in " + Durations.human(built.took()))
                + "; measuring it beside " + name(good) + " (good) and " + name(bad) + " (bad) ...");
        Map<String, Path> images = new LinkedHashMap<>();
        images.put(name(good), image(kernels, good));
        images.put(name(bad), image(kernels, bad));
        images.put(name(hash), built.image().get());
        String folder = String.format(java.util.Locale.ROOT, "steps/%02d-%s", stepNumber, name(hash));
        SideBySide.Measured measured = measureFresh(steps, images, request.out().resolve(folder));
        if (!measured.complete()) {
            out.println("kbench bisect: step " + stepNumber + ": " + name(hash) + " could not be measured: skipped ("
                    + measured.failure().get() + ")");
            return new StepRecord(stepNumber, good, bad, hash, commit.subject(), commit.date(), StepCall.SKIPPED.word(), List.of(),
                    seconds(built.took().toNanos()), seconds(measured.took().toNanos()), folder, "did not boot or run: "
                    + measured.failure().get(), List.of());
        }
        List<Position> positions = Judge.positions(measured.byWorkload(), regressed, name(good), name(bad), name(hash), request.criteria());
        StepCall call = Judge.call(positions);
        if (call == StepCall.NEITHER && Judge.undecided(positions) && steps.maxRounds() > steps.rounds()) {
            out.println("kbench bisect: step " + stepNumber + ": " + name(hash) + " is neither good nor bad yet, a comparison undecided:"
                    + " measuring it again with " + steps.maxRounds() + " rounds");
            SideBySide.Measured more = measureFresh(steps.withMostRounds(), images, request.out().resolve(folder + "-more"));
            if (more.complete()) {
                measured = new SideBySide.Measured(more.byWorkload(), more.accel(), more.failure(), measured.took().plus(more.took()),
                        more.folder());
                folder = folder + "-more";
                positions = Judge.positions(measured.byWorkload(), regressed, name(good), name(bad), name(hash), request.criteria());
                call = Judge.call(positions);
            }
        }
        boolean neither = call == StepCall.NEITHER;
        out.println("kbench bisect: step " + stepNumber + ": " + name(hash) + " is " + call.word() + ": " + positions.stream()
                .map(p -> p.workload() + " " + VerdictText.effect(p.againstGood().overhead(hash)) + " against good, "
                        + VerdictText.effect(p.againstBad().overhead(hash)) + " against bad"
                        + (neither ? ", " + Math.round(p.share() * 100) + " % of the change" : ""))
                .collect(Collectors.joining("; ")) + " (measured in " + Durations.human(measured.took()) + ")");
        return new StepRecord(stepNumber, good, bad, hash, commit.subject(), commit.date(), call.word(), positions,
                seconds(built.took().toNanos()), seconds(measured.took().toNanos()), folder, "", List.of());
    }

    /**
     * The first bad commit against its parent, measured side by side once more with the bisection's
     * ends: the parent should be the same as good and the commit the same as bad, or, for a change
     * spread over several commits, each carries its share.
     */
    private Finding confirm(GitRepository git, CommitKernels kernels, SideBySide steps, List<String> regressed, Finding finding)
            throws IOException {
        BisectRecord.Ends ends = record.ends();
        String good = ends.good().hash();
        String bad = ends.bad().hash();
        String parent = finding.parent();
        String commit = finding.commit();
        Measure measure = measureOf(ends.accel());
        out.println("kbench bisect: first bad commit: " + commit + " " + finding.subject() + " (" + finding.date() + ")");
        out.println("kbench bisect: confirming it against its parent " + name(parent) + ", side by side with good and bad ...");
        CommitKernels.Built parentKernel = kernels.build(parent);
        if (!parentKernel.ok()) {
            out.println("kbench bisect: its parent " + name(parent) + " does not build (" + parentKernel.cause() + "): the effect of "
                    + name(commit) + " is not confirmed");
            return finding;
        }
        Map<String, Path> images = new LinkedHashMap<>();
        images.put(name(parent), parentKernel.image().get());
        images.put(name(commit), image(kernels, commit));
        images.putIfAbsent(name(good), image(kernels, good));
        images.putIfAbsent(name(bad), image(kernels, bad));
        String folder = "confirm-" + name(commit);
        SideBySide.Measured measured = measureFresh(steps, images, request.out().resolve(folder));
        if (!measured.complete()) {
            throw new KbenchException(KbenchException.Kind.GUEST_FAILURE, "the confirmation of " + name(commit) + " against its parent"
                    + " stopped: " + measured.failure().get() + "; kbench bisect --resume " + request.out() + " measures it again");
        }
        Map<String, Double> range = new LinkedHashMap<>();
        ends.effects().forEach(e -> range.put(e.workload(), e.badAgainstGood().percent()));
        List<Finding.Confirmation> confirmations = Judge.confirmations(measured.byWorkload(), regressed, name(parent), name(commit), name(good),
                name(bad), range, request.criteria());
        for (Finding.Confirmation c : confirmations) {
            out.println("kbench bisect: " + c.workload() + ": " + name(commit) + " against its parent: "
                    + c.commitAgainstParent().verdictAs(measure) + " " + VerdictText.effect(c.commitAgainstParent().overhead(commit)) + "; "
                    + (c.parentAgainstGood() == null ? "the parent is good" : "the parent against good: " + c.parentAgainstGood().verdictAs(measure)
                            + " " + VerdictText.effect(c.parentAgainstGood().overhead(parent)))
                    + "; " + (c.commitAgainstBad() == null ? "the commit is bad" : "the commit against bad: " + c.commitAgainstBad().verdictAs(measure)
                            + " " + VerdictText.effect(c.commitAgainstBad().overhead(commit)))
                    + "; " + Math.round(c.share() * 100) + " % of the change");
        }
        return new Finding(commit, finding.subject(), finding.date(), parent, confirmations, List.of(), folder);
    }

    /**
     * The kernel of a commit that built before in this bisection (an end, a step's range end, a
     * first bad commit or its parent): from the cache, or built again if the cache lost it.
     */
    private static Path image(CommitKernels kernels, String hash) throws IOException {
        CommitKernels.Built built = kernels.build(hash);
        return built.image().orElseThrow(() -> new KbenchException(KbenchException.Kind.BAD_INPUT, "commit " + name(hash)
                + " does not build (" + built.cause() + "), and the bisection needs its kernel; its build log: "
                + kernels.log()));
    }

    /** A measurement into a folder of its own: what a killed run left there is not a round of this one. */
    private SideBySide.Measured measureFresh(SideBySide side, Map<String, Path> images, Path folder) throws IOException {
        FileTrees.delete(folder);
        return side.measure(images, folder, out);
    }

    /** What a verdict under {@code accel} is of, in the words people read. */
    static Measure measureOf(Accel accel) {
        return Measure.ofAccel(accel.qemuName());
    }

    private static boolean differs(Position.Side side) {
        return side.verdict().equals("slower") || side.verdict().equals("faster");
    }

    private static int roughly(String gitAnswer) {
        Matcher m = ROUGHLY.matcher(gitAnswer);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** About how many steps git needs for {@code commits} commits: log2 of them, rounded up. */
    static int about(int commits) {
        return commits <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(commits - 1);
    }

    private static Duration mean(List<Duration> durations) {
        return durations.stream().reduce(Duration.ZERO, Duration::plus).dividedBy(durations.size());
    }

    static String name(String hash) {
        return hash.substring(0, 12);
    }

    /** Log lines below the line that names them, indented and marked as quoted. */
    private static String tailText(List<String> tail) {
        return tail.stream().map(l -> "\n    | " + l).collect(Collectors.joining());
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
