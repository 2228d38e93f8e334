package dev.kbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.cluster.KubernetesApi;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Job;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code kbench k8s manifest}, in process: its help, the manifest it writes for the run options
 * given after {@code --} (checked against the Kubernetes API), and its one-line usage errors.
 */
class K8sManifestCommandOptionsTest extends InProcessCliTest {

    private static final List<String> REQUIRED = List.of("k8s", "manifest", "--shards", "4", "--container-image", "registry.example/kbench:1",
            "--results-claim", "kbench-results");

    /** kbench k8s manifest with the required options, {@code options}, then {@code --} and {@code runOptions}. */
    private Outcome manifest(List<String> options, String... runOptions) {
        List<String> args = new ArrayList<>(REQUIRED);
        args.addAll(options);
        args.add("--");
        args.addAll(List.of(runOptions));
        return execute(args.toArray(String[]::new));
    }

    /** The Jobs on stdout; stderr holds only the seed line, so that stdout stays YAML. */
    private static List<V1Job> jobs(Outcome o) {
        assertEquals(0, o.status(), o.err());
        assertTrue(SEED_LINE.matcher(o.err()).matches(), o.err());
        return KubernetesApi.jobs(o.out());
    }

    private static final Pattern SEED_LINE = Pattern.compile("kbench: seed (\\d+) for all (\\d+) shards \\(--seed (\\d+) repeats the order\\)\n");

    /** The seed the seed line names, for {@code shards} shards. */
    private static String printedSeed(String lines, int shards) {
        Matcher line = SEED_LINE.matcher(lines);
        assertTrue(line.find(), lines);
        assertEquals(List.of(line.group(1), Integer.toString(shards)), List.of(line.group(3), line.group(2)), lines);
        return line.group(1);
    }

    private static V1Container container(V1Job job) {
        return job.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private void assertManifestUsageError(Outcome o, String message) {
        assertUsageError(o, "k8s manifest", message);
    }

    @Test
    void helpSaysWhatTheImageNeedsAndHowTheMergeWaits() {
        String help = assertHelp(execute("k8s", "manifest", "--help"), "k8s manifest");
        assertTrue(help.startsWith("Usage: kbench k8s manifest --shards=N --container-image=IMAGE --results-claim=NAME [options] -- RUN-OPTIONS..."), help);
        assertTrue(help.contains("The image must hold kbench on its PATH, a JDK 17 and QEMU"), help);
        assertTrue(help.contains("created suspended, since Kubernetes starts no"), help);
        assertTrue(describe(help, "--container-image").contains("it must hold kbench on its PATH"), help);
        assertTrue(describe(help, "--kvm-resource").endsWith("Default: devices.kubevirt.io/kvm."), help);
        assertTrue(describe(help, "--cpus").endsWith("Default: 3."), help);
        assertTrue(describe(help, "--mount-path").endsWith("Default: /results."), help);
        assertTrue(describe(help, "--retries").contains("backoffLimitPerIndex, Kubernetes 1.29 or later"), help);
        assertTrue(describe(help, "--name").endsWith("Default: kbench."), help);
        for (String option : List.of("--shards", "--results-claim", "--memory", "--parallelism", "--namespace", "--label", "--node-selector", "--file")) {
            describe(help, option);
        }
        assertTrue(help.contains("--[no-]pin"), help);
        assertTrue(help.contains("kbench k8s manifest"), assertHelp(execute("k8s", "--help"), "k8s"));
    }

    @Test
    void theManifestRunsTheOptionsIntoAFolderOfTheVolumeAndMergesIt() {
        Outcome o = manifest(List.of(), "-k", "default", "mine", "--rounds", "10");
        List<V1Job> jobs = jobs(o);
        V1Job shards = jobs.get(0);
        assertEquals("Indexed", shards.getSpec().getCompletionMode());
        assertEquals(4, shards.getSpec().getCompletions());
        assertEquals(4, shards.getSpec().getParallelism());
        assertEquals(List.of("-k", "default", "mine", "--rounds", "10", "-o", "/results/kbench/lsm-perf.csv", "--seed", printedSeed(o.err(), 4)),
                container(shards).getArgs());
        assertTrue(container(shards).getCommand().get(2).endsWith("--shard \"$((JOB_COMPLETION_INDEX + 1))/4\""));
        assertEquals("kbench-results", shards.getSpec().getTemplate().getSpec().getVolumes().get(0).getPersistentVolumeClaim().getClaimName());
        assertEquals(List.of("kbench", "merge", "/results/kbench/lsm-perf.csv"), container(jobs.get(1)).getCommand());
        assertTrue(jobs.get(1).getSpec().getSuspend());
    }

    @Test
    void theOptionsReachTheManifest() {
        List<V1Job> jobs = jobs(manifest(List.of("--name", "lsm", "--namespace", "bench", "--mount-path", "/data", "--cpus", "4",
                "--memory", "8Gi", "--kvm-resource", "squat.ai/kvm", "--parallelism", "2", "--retries", "0", "--label", "team=perf",
                "--node-selector", "cpu-manager=static"), "-k", "a", "-o", "/data/x/out.csv", "--seed", "5"));
        V1Job shards = jobs.get(0);
        assertEquals(List.of("lsm", "lsm-merge"), jobs.stream().map(j -> j.getMetadata().getName()).toList());
        assertEquals("bench", shards.getMetadata().getNamespace());
        assertEquals(2, shards.getSpec().getParallelism());
        assertEquals(0, shards.getSpec().getBackoffLimitPerIndex());
        assertEquals("perf", shards.getMetadata().getLabels().get("team"));
        assertEquals(Map.of("cpu-manager", "static"), shards.getSpec().getTemplate().getSpec().getNodeSelector());
        V1Container c = container(shards);
        assertEquals(List.of("-k", "a", "-o", "/data/x/out.csv", "--seed", "5"), c.getArgs(), "the user's -o and --seed, unchanged");
        assertEquals("/data", c.getVolumeMounts().get(0).getMountPath());
        assertEquals("4", c.getResources().getLimits().get("cpu").toSuffixedString());
        assertEquals(8L << 30, c.getResources().getLimits().get("memory").getNumber().longValueExact());
        assertEquals(8L << 30, c.getResources().getRequests().get("memory").getNumber().longValueExact());
        assertEquals("1", c.getResources().getLimits().get("squat.ai/kvm").toSuffixedString());
        assertEquals(List.of("kbench", "merge", "/data/x/out.csv"), container(jobs.get(1)).getCommand());
    }

    @Test
    void theMemoryIsTheGuestsAndRoomForKbenchAndQemu() {
        assertEquals(2560L << 20, memory(manifest(List.of(), "-k", "a")), "kbench's initramfs guest: 512 MiB");
        assertEquals(6144L << 20, memory(manifest(List.of(), "-k", "a", "-i", "/images/debian.qcow2")), "lsm-perf's machine: 4096 MiB");
        assertEquals(3072L << 20, memory(manifest(List.of(), "-k", "a", "--mem", "1024")));
        assertEquals(1536L << 20, memory(manifest(List.of("--memory", "1536"), "-k", "a")));
        assertManifestUsageError(manifest(List.of("--memory", "4Gi"), "-k", "a", "-i", "/images/debian.qcow2"),
                "--memory 4096Mi leaves nothing beside the guest's 4096 MiB (--mem): give more, or leave --memory out");
        assertManifestUsageError(manifest(List.of("--memory", "lots"), "-k", "a"),
                "Invalid value for option '--memory': 'lots' is not a memory size: write MiB (4608), or 4608Mi or 5Gi");
    }

    private static long memory(Outcome o) {
        V1Container c = container(jobs(o).get(0));
        long limit = c.getResources().getLimits().get("memory").getNumber().longValueExact();
        assertEquals(limit, c.getResources().getRequests().get("memory").getNumber().longValueExact(), "requests == limits");
        return limit;
    }

    @Test
    void hostileRunOptionsAreWrittenAsGiven() {
        String hostile = "$(touch /tmp/x); 'no' \"y\" `id` \n0x10";
        List<V1Job> jobs = jobs(manifest(List.of(), "-k", "a", "--suite-name", hostile, "--unit", "no", "--seed", "5"));
        assertEquals(List.of("-k", "a", "--suite-name", hostile, "--unit", "no", "--seed", "5", "-o", "/results/kbench/lsm-perf.csv"),
                container(jobs.get(0)).getArgs());
    }

    /**
     * Every pod of the Indexed Job runs the one container's args, so one {@code --seed} there is
     * one seed for every shard: drawn when the run options give none, and said on stderr (stdout
     * is the YAML); a given one is kept as given.
     */
    @Test
    void everyShardRunsOneSeedDrawnWhenNoneIsGiven() {
        Outcome drawn = manifest(List.of(), "-k", "a", "b", "--rounds", "8");
        List<String> args = container(jobs(drawn).get(0)).getArgs();
        assertEquals(List.of("-k", "a", "b", "--rounds", "8", "-o", "/results/kbench/lsm-perf.csv", "--seed", printedSeed(drawn.err(), 4)), args);
        assertEquals(1, args.stream().filter(arg -> arg.startsWith("--seed")).count(), args.toString());
        String script = container(jobs(drawn).get(0)).getCommand().get(2);
        assertTrue(script.contains("exec kbench run \"$@\" -c ") && script.endsWith(" --shard \"$((JOB_COMPLETION_INDEX + 1))/4\""),
                "every pod's command adds only its CPUs and its shard to the args: " + script);

        Outcome given = manifest(List.of(), "-k", "a", "b", "--seed=42", "--rounds", "8");
        assertEquals("42", printedSeed(given.err(), 4));
        assertEquals(List.of("-k", "a", "b", "--seed=42", "--rounds", "8", "-o", "/results/kbench/lsm-perf.csv"),
                container(jobs(given).get(0)).getArgs(), "the given seed, once");
    }

    @Test
    void fileGetsTheYamlAndStdoutTheSteps() throws Exception {
        Path file = tmp.resolve("kbench.yaml");
        Outcome o = execute("k8s", "manifest", "--shards", "2", "--container-image", "i:1", "--results-claim", "r", "--namespace", "bench",
                "-f", file.toString(), "--", "-k", "a");
        assertEquals(0, o.status(), o.err());
        assertEquals("kbench: seed " + printedSeed(o.out(), 2) + " for all 2 shards (--seed " + printedSeed(o.out(), 2) + " repeats the order)\n"
                + "kbench: wrote " + file + "; run it with:\n"
                + "  kubectl apply -f " + file + "\n"
                + "  kubectl wait -n bench --for=condition=complete --timeout=24h job/kbench\n"
                + "  kubectl patch -n bench job/kbench-merge --type=merge -p '{\"spec\":{\"suspend\":false}}'\n"
                + "  kubectl wait -n bench --for=condition=complete --timeout=1h job/kbench-merge\n", o.out());
        assertEquals(2, KubernetesApi.jobs(Files.readString(file)).size());
    }

    @Test
    void badShardsAndCpusAreUsageErrors() {
        assertManifestUsageError(execute("k8s", "manifest", "--shards", "0", "--container-image", "i", "--results-claim", "r", "--", "-k", "a"),
                "--shards must be at least 1, not 0");
        assertManifestUsageError(execute("k8s", "manifest", "--shards", "four", "--container-image", "i", "--results-claim", "r", "--", "-k", "a"),
                "Invalid value for option '--shards': 'four' is not an int");
        assertManifestUsageError(manifest(List.of("--cpus", "2.5"), "-k", "a"), "Invalid value for option '--cpus': '2.5' is not a whole"
                + " number of CPUs: the static CPU manager gives a container CPUs of its own only for whole ones");
        assertManifestUsageError(manifest(List.of("--cpus", "500m"), "-k", "a"), "Invalid value for option '--cpus': '500m' is not a whole"
                + " number of CPUs: the static CPU manager gives a container CPUs of its own only for whole ones");
        assertManifestUsageError(manifest(List.of("--cpus", "2"), "-k", "a"),
                "pinning QEMU and the two vCPUs (kbench run -c) needs --cpus 3 or more, not 2: give more, or --no-pin");
        assertEquals(2, jobs(manifest(List.of("--cpus", "2", "--no-pin"), "-k", "a")).size());
        assertManifestUsageError(manifest(List.of("--parallelism", "5"), "-k", "a"), "--parallelism must be from 1 to --shards (4), not 5");
    }

    @Test
    void missingRequiredOptionsAreUsageErrors() {
        assertManifestUsageError(execute("k8s", "manifest", "--shards", "2", "--results-claim", "r", "--", "-k", "a"),
                "Missing required option: '--container-image=IMAGE'");
        assertManifestUsageError(execute("k8s", "manifest", "--shards", "2", "--container-image", "i", "--", "-k", "a"),
                "Missing required option: '--results-claim=NAME'");
    }

    @Test
    void runOptionsMustComeAfterTheSeparatorAndExist() {
        assertManifestUsageError(manifest(List.of()), "no run options: give kbench run's options after --, e.g. -- -k default mine.bzImage --rounds 10");
        List<String> args = new ArrayList<>(REQUIRED);
        assertManifestUsageError(execute(args.toArray(String[]::new)), "no run options: give kbench run's options after --, e.g. -- -k default mine.bzImage --rounds 10");
        args.addAll(List.of("-k", "a"));
        assertManifestUsageError(execute(args.toArray(String[]::new)), "-k: not an option of kbench k8s manifest; put kbench run's options after --");
    }

    @Test
    void runOptionsAreCheckedByKbenchRunsParser() {
        assertManifestUsageError(manifest(List.of(), "-k", "a", "--accel", "warp"),
                "run options: Invalid value for option '--accel': unknown accelerator 'warp': use auto, kvm, tcg or icount");
        assertManifestUsageError(manifest(List.of(), "--roudns", "3", "-k", "a"), "run options: Unknown options: '--roudns', '3'");
        assertManifestUsageError(manifest(List.of(), "--rounds", "3"), "the run options name no kernel: give kbench run's -k KERNELS after --");
    }

    @Test
    void whatAShardCannotDoIsRefused() {
        assertManifestUsageError(manifest(List.of(), "-k", "a", "--shard", "1/2"),
                "the run options hold --shard: each pod gets its own (--shard K/N, N from --shards); drop it");
        assertManifestUsageError(manifest(List.of(), "-k", "a", "--shard=1/2"),
                "the run options hold --shard: each pod gets its own (--shard K/N, N from --shards); drop it");
        assertManifestUsageError(manifest(List.of(), "--resume", "/results/x.csv"),
                "the run options hold --resume: a shard starts afresh (a failed one is run again, --retries); drop it");
        assertManifestUsageError(manifest(List.of(), "-k", "a", "--help"),
                "the run options ask for help or the version: every shard would print it and measure nothing; drop it");
        assertManifestUsageError(manifest(List.of(), "-k", "a", "-c", "0", "1", "2"), "the run options hold -c, but a pod's CPUs are known"
                + " only once it runs: drop -c (each shard pins to its own CPUs), or give --no-pin to keep it");
        assertEquals(List.of("-k", "a", "-c", "0", "1", "2", "--seed", "5", "-o", "/results/kbench/lsm-perf.csv"),
                container(jobs(manifest(List.of("--no-pin"), "-k", "a", "-c", "0", "1", "2", "--seed", "5")).get(0)).getArgs());
    }

    @Test
    void anOutputOutsideTheVolumeIsRefused() {
        assertManifestUsageError(manifest(List.of(), "-k", "a", "-o", "/tmp/lsm.csv"), "-o /tmp/lsm.csv is outside the results volume,"
                + " mounted at /results: give -o an absolute path under /results (or leave -o out)");
        assertManifestUsageError(manifest(List.of(), "-k", "a", "--out=lsm.csv"), "-o lsm.csv is outside the results volume,"
                + " mounted at /results: give -o an absolute path under /results (or leave -o out)");
        assertManifestUsageError(manifest(List.of(), "-k", "a", "-o", "/results/../etc/x.csv"), "-o /results/../etc/x.csv is outside"
                + " the results volume, mounted at /results: give -o an absolute path under /results (or leave -o out)");
        assertEquals(List.of("kbench", "merge", "/results/a/b.csv"),
                container(jobs(manifest(List.of(), "-k", "a", "--out=/results/a/b.csv")).get(1)).getCommand());
    }

    @Test
    void badNamesAreUsageErrors() {
        assertManifestUsageError(manifest(List.of("--name", "My_Run"), "-k", "a"),
                "--name 'My_Run' must be at most 57 lower-case letters, digits and '-', starting and ending with a letter or digit");
        assertManifestUsageError(manifest(List.of("--kvm-resource", "kvm"), "-k", "a"),
                "--kvm-resource 'kvm' must be a-domain.example/name, the name at most 63 letters, digits, '-', '_' and '.'");
        assertManifestUsageError(manifest(List.of("--label", "team"), "-k", "a"),
                "Value for option option '--label' (KEY=VALUE) should be in KEY=VALUE format but was team");
        assertManifestUsageError(execute("k8s", "manifest", "--shards", "2", "--container-image", "a b", "--results-claim", "r", "--", "-k", "a"),
                "--container-image 'a b' must name a container image, e.g. registry.example/kbench:1");
    }
}
