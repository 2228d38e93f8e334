package dev.kbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kbench.results.RunLog;
import dev.kbench.results.RunSetup;
import dev.kbench.results.TimeAccount;
import dev.kbench.results.format.TimeAccountText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a reader must know about one result file before its numbers mean anything: which
 * kernels it compares and what each stands for, under which accelerator, how many rounds and
 * runs, in which order, on which host with which QEMU and kbench, and when. From the run's
 * setup beside the file ({@link RunSetup}) where {@code kbench run} wrote one, else from what
 * JMH's JSON holds, and "not recorded" for the rest rather than a guess.
 *
 * @param facts name to value, in the order the header shows them
 */
record InputFacts(String file, Map<String, String> facts) {

    static final String NOT_RECORDED = "not recorded (JMH's JSON alone)";
    static final List<String> NAMES = List.of("kernels", "accelerator", "rounds × runs", "order", "VM", "time", "host", "QEMU", "kbench", "date",
            "JMH, JDK");

    static InputFacts of(Path json, String label) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        Optional<RunSetup> setup = RunSetup.readBeside(json);
        JsonNode first = root.size() > 0 ? root.get(0) : new ObjectMapper().createObjectNode();
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("kernels", setup.map(InputFacts::kernels).orElseGet(() -> String.join(", ", kernelNames(root))));
        facts.put("accelerator", setup.map(RunSetup::accel).orElseGet(() -> accelParam(first)));
        facts.put("rounds × runs", shape(first));
        facts.put("order", setup.map(s -> s.order() + ", seed " + s.seed() + " (--order " + s.order() + " --seed " + s.seed() + " repeats it)")
                .orElse(NOT_RECORDED));
        facts.put("VM", setup.map(s -> join(s.settings())).orElseGet(() -> vmParams(first)));
        facts.put("time", timeSpent(json));
        facts.put("host", setup.map(RunSetup::host).orElse(NOT_RECORDED));
        facts.put("QEMU", setup.map(RunSetup::qemu).orElse(NOT_RECORDED));
        facts.put("kbench", setup.map(RunSetup::kbench).orElse(NOT_RECORDED));
        facts.put("date", setup.map(RunSetup::date).orElse(NOT_RECORDED));
        facts.put("JMH, JDK", "JMH " + first.path("jmhVersion").asText("?") + ", JDK " + first.path("jdkVersion").asText("?"));
        return new InputFacts(label, facts);
    }

    /** Where the experiment's time went, from the run log beside the file ({@code OUT.runs.jsonl} for {@code OUT.json}). */
    private static String timeSpent(Path json) throws IOException {
        Path runLog = json.resolveSibling(json.getFileName().toString().replaceFirst("\\.json$", "") + ".runs.jsonl");
        if (!Files.isRegularFile(runLog)) {
            return NOT_RECORDED;
        }
        return TimeAccount.of(RunLog.read(runLog)).map(a -> TimeAccountText.line(a).replaceFirst("^time: ", ""))
                .orElse("not recorded (its run log holds no experiment's end)");
    }

    /** {@code caponly = default lsm=capability}; a kernel that stands for itself is named once. */
    private static String kernels(RunSetup setup) {
        List<String> parts = new ArrayList<>();
        setup.kernels().forEach((name, meaning) -> parts.add(name.equals(meaning) ? name : name + " = " + meaning));
        return String.join("; ", parts);
    }

    private static Set<String> kernelNames(JsonNode root) {
        Set<String> names = new LinkedHashSet<>();
        root.forEach(r -> names.add(r.path("params").path("kernel").asText("?")));
        return names;
    }

    /** Rounds (forks, as {@code rawData} holds them) and runs per round, and the warm-ups before them. */
    private static String shape(JsonNode result) {
        JsonNode raw = result.path("primaryMetric").path("rawData");
        int runs = raw.size() > 0 ? raw.get(0).size() : 0;
        return raw.size() + " rounds × " + runs + " runs, after " + result.path("warmupIterations").asInt() + " warm-up runs each";
    }

    /** What JMH's JSON says of the accelerator: the parameter as asked, which for auto is not what ran. */
    private static String accelParam(JsonNode result) {
        JsonNode accel = result.path("params").path("accel");
        if (accel.isMissingNode()) {
            return NOT_RECORDED;
        }
        return accel.asText() + (accel.asText().equals("auto") ? " (as asked; what it resolved to is not recorded)" : "");
    }

    private static String vmParams(JsonNode result) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String name : List.of("mem", "cpus", "image")) {
            if (result.path("params").has(name)) {
                settings.put(name, result.path("params").path(name).asText());
            }
        }
        return settings.isEmpty() ? NOT_RECORDED : join(settings);
    }

    private static String join(Map<String, String> settings) {
        List<String> parts = new ArrayList<>();
        settings.forEach((name, value) -> parts.add(name + " " + value));
        return String.join(", ", parts);
    }
}
