package dev.kbench.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shards' container command, run here as the kubelet would run it: taken from the manifest's
 * YAML as kubectl reads it, then {@code command} and {@code args} executed by this machine's
 * {@code sh} (Debian's dash), with a stand-in {@code kbench} on the PATH that records its
 * arguments. So the quoting is checked where it matters, between the YAML and kbench run.
 */
class K8sShardScriptTest {

    /** Arguments a shell or a YAML reader would change if they were not passed through untouched. */
    static final List<String> HOSTILE = List.of("$(touch PWNED)", "`touch PWNED`", "'; touch PWNED; '", "\"; touch PWNED; \"",
            "a b", " lead", "trail ", "tab\there", "new\nline", "end\n", "", "*", "?", "[a]", "~", "~root", "$HOME", "${PATH}", "$0", "$@",
            "\\", "\\n", "'", "\"", "#no comment", "&&", "|", ";", ">file", "<file", "(", ")", "{a: b}", "[x, y]", "- item", "key: value",
            "a:", "!tag", "&anchor", "*alias", "%directive", "@at", "---", "...", "no", "No", "y", "n", "on", "off", "yes", "true", "null",
            "Null", "0x10", "010", "0o17", "1_000", "1e3", ".inf", "-.inf", ".nan", "2024-01-01", "12:30:00", "=", "<<", "--", "-o", "é€😀",
            "bell\u0007", "--shard");

    @TempDir
    Path tmp;

    /** What the stand-in kbench was called with, each argument in full. */
    record Called(int status, List<String> kbenchArgs, String stderr) {
    }

    @Test
    void hostileArgumentsReachKbenchRunUntouchedThenTheShard() throws Exception {
        List<String> args = new ArrayList<>(HOSTILE);
        args.addAll(List.of("-o", K8sManifestTest.OUT.toString()));
        K8sManifest manifest = K8sManifestTest.manifest().pinned(false).run(args, K8sManifestTest.OUT).build();
        Called called = runShard(manifest, 2, null);
        assertEquals(0, called.status(), called.stderr());
        List<String> expected = new ArrayList<>(List.of("run"));
        expected.addAll(args);
        expected.addAll(List.of("--shard", "3/4"));
        assertEquals(expected, called.kbenchArgs());
        assertFalse(Files.exists(tmp.resolve("PWNED")), "an argument ran a command");
    }

    @Test
    void podIndexKRunsShardKPlusOneOfN() throws Exception {
        K8sManifest manifest = K8sManifestTest.manifest().shards(3).pinned(false).build();
        for (int index = 0; index < 3; index++) {
            List<String> args = runShard(manifest, index, null).kbenchArgs();
            assertEquals(List.of("--shard", (index + 1) + "/3"), args.subList(args.size() - 2, args.size()));
        }
    }

    /** kbench k8s manifest adds the one seed to the run options; every pod must run it, or each shard would run its own order. */
    @Test
    void everyPodRunsTheSameSeed() throws Exception {
        K8sManifest manifest = K8sManifestTest.manifest().shards(3).pinned(false)
                .run(List.of("-k", "a", "b", "-o", K8sManifestTest.OUT.toString(), "--seed", "123456789"), K8sManifestTest.OUT).build();
        for (int index = 0; index < 3; index++) {
            assertEquals(List.of("run", "-k", "a", "b", "-o", K8sManifestTest.OUT.toString(), "--seed", "123456789", "--shard", (index + 1) + "/3"),
                    runShard(manifest, index, null).kbenchArgs());
        }
    }

    @Test
    void withoutAnIndexNothingRuns() throws Exception {
        Called called = runShard(K8sManifestTest.manifest().pinned(false).build(), null, null);
        assertTrue(called.status() != 0, "status " + called.status());
        assertEquals(List.of(), called.kbenchArgs(), "kbench ran");
        assertTrue(called.stderr().contains("JOB_COMPLETION_INDEX: is not set: run this as a pod of an Indexed Job"), called.stderr());
        Called pinned = runShard(K8sManifestTest.manifest().build(), null, "Cpus_allowed_list:\t1-3\n");
        assertTrue(pinned.status() != 0 && pinned.kbenchArgs().isEmpty(), pinned.stderr());
    }

    @Test
    void aPinnedShardPinsToTheFirstThreeCpusItsContainerWasGiven() throws Exception {
        Called three = runShard(K8sManifestTest.manifest().build(), 0, "Name:\tsh\nCpus_allowed:\t4c\nCpus_allowed_list:\t2-3,6\nMems_allowed_list:\t0\n");
        assertEquals(0, three.status(), three.stderr());
        assertEquals(List.of("run", "-k", "default", "mine", "-o", K8sManifestTest.OUT.toString(), "-c", "2", "3", "6", "--shard", "1/4"),
                three.kbenchArgs());

        K8sManifest fourCpus = K8sManifestTest.manifest()
                .resources(new ShardResources(4, MemorySize.ofMib(2560), ShardResources.KUBEVIRT_KVM)).build();
        Called four = runShard(fourCpus, 1, "Cpus_allowed_list:\t10,12-14\n");
        assertEquals(0, four.status(), four.stderr());
        List<String> args = four.kbenchArgs();
        assertEquals(List.of("-c", "10", "12", "13", "--shard", "2/4"), args.subList(args.size() - 6, args.size()));
    }

    @Test
    void aPinnedShardOnSharedCpusRefusesToMeasure() throws Exception {
        Called shared = runShard(K8sManifestTest.manifest().build(), 0, "Cpus_allowed_list:\t0-63\n");
        assertEquals(1, shared.status());
        assertEquals(List.of(), shared.kbenchArgs(), "kbench ran");
        assertEquals("kbench: error: this container may run on the CPUs 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25"
                + " 26 27 28 29 30 31 32 33 34 35 36 37 38 39 40 41 42 43 44 45 46 47 48 49 50 51 52 53 54 55 56 57 58 59 60 61 62 63,"
                + " not on the 3 it asked for alone: give its node's kubelet the static CPU manager policy (docs/cluster.md)\n", shared.stderr());

        Called fewer = runShard(K8sManifestTest.manifest().build(), 0, "Cpus_allowed_list:\t5\n");
        assertEquals(1, fewer.status());
        assertTrue(fewer.stderr().startsWith("kbench: error: this container may run on the CPUs 5, not on the 3"), fewer.stderr());
    }

    @Test
    void thePinnedScriptReadsThisMachinesCpusAsTheKernelWritesThem() throws Exception {
        // the real /proc/self/status, not a copy: this machine lets sh run on every CPU it has
        Called real = runShard(K8sManifestTest.manifest().build(), 0, null);
        int cpus = Runtime.getRuntime().availableProcessors();
        if (cpus == 3) {
            assertEquals(0, real.status(), real.stderr());
        } else {
            assertEquals(1, real.status(), real.stderr());
            assertTrue(real.stderr().startsWith("kbench: error: this container may run on the CPUs 0"), real.stderr());
        }
    }

    /**
     * Runs the shard container of {@code manifest}'s YAML for pod {@code index} (none: no
     * JOB_COMPLETION_INDEX), with {@code status} standing for /proc/self/status when given.
     */
    @SuppressWarnings("unchecked")
    private Called runShard(K8sManifest manifest, Integer index, String status) throws IOException, InterruptedException {
        Map<String, Object> container = KubernetesApi.container(KubernetesApi.documents(manifest.yaml()).get(0));
        List<String> command = new ArrayList<>((List<String>) container.get("command"));
        if (status != null) {
            Path file = Files.writeString(tmp.resolve("status"), status);
            command.set(2, command.get(2).replace(ShardScript.STATUS_FILE, file.toString()));
        }
        command.addAll((List<String>) container.getOrDefault("args", List.of()));
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path record = tmp.resolve("kbench-args");
        Files.deleteIfExists(record);
        // the stand-in: each argument ends with a NUL, which no argument can hold
        Path kbench = Files.writeString(bin.resolve("kbench"), "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\0' \"$a\"; done > \"$KBENCH_ARGS\"\n");
        Files.setPosixFilePermissions(kbench, PosixFilePermissions.fromString("rwx------"));

        ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile());
        pb.environment().clear();
        pb.environment().put("PATH", bin + ":/usr/bin:/bin");
        pb.environment().put("KBENCH_ARGS", record.toString());
        if (index != null) {
            pb.environment().put("JOB_COMPLETION_INDEX", Integer.toString(index));
        }
        Path stderr = tmp.resolve("stderr");
        Process process = pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(stderr.toFile()).start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the script did not end");
        List<String> args = List.of();
        if (Files.exists(record)) {
            String text = Files.readString(record, StandardCharsets.UTF_8);
            args = Arrays.asList(text.substring(0, Math.max(0, text.length() - 1)).split("\0", -1));
        }
        return new Called(process.exitValue(), args, Files.readString(stderr));
    }
}
