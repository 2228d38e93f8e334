package dev.kbench.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.kbench.KbenchException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a {@code kbench run} was made, written beside its merged JMH JSON ({@code OUT.setup.json}
 * for {@code OUT.json}): what JMH's JSON has no field for, and the settings that are the same
 * for every result, which would otherwise be JMH parameters that every JSON client puts into
 * every label. The report's header is made of it.
 *
 * @param kernels each kernel as given, with what it stands for: a variant's kernel and command line, or the kernel itself
 * @param accel the accelerator every VM ran under, resolved ({@code kvm}, {@code tcg}, {@code icount})
 * @param settings the other settings every VM shared: memory, CPU pinning, disk image ({@code mem=512}, ...)
 * @param order the order design's name ({@code balanced}, {@code random}, {@code fixed})
 * @param units a unit the user gave for a program, by workload id ({@code --unit})
 * @param suite the name the user gave a suite ({@code --suite-name}), or null: the JSON then says {@code all} or the list
 * @param rounds the kernels in the order each round ran them, round 0 first (empty before the run, and in files written before it was recorded)
 * @param hosts the host every VM ran on, or for a merged experiment each shard's host, shard 1 first (empty in files written before it was recorded)
 * @param shard {@code K/N} for one shard's result, else null
 */
public record RunSetup(Map<String, String> kernels, String accel, int warmups, int runs, String order, long seed,
        Map<String, String> settings, Map<String, String> units, String suite, String host, String qemu, String kbench, String date,
        List<List<String>> rounds, List<HostFingerprint> hosts, String shard) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public RunSetup {
        kernels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(kernels));
        settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        units = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(units));
        rounds = rounds == null ? List.of() : rounds.stream().map(List::copyOf).toList();
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
    }

    /** This setup with the order the rounds actually ran in. */
    public RunSetup withRounds(List<List<String>> ran) {
        return new RunSetup(kernels, accel, warmups, runs, order, seed, settings, units, suite, host, qemu, kbench, date, ran, hosts, shard);
    }

    /** The setup of an experiment merged from shards: each shard's host, shard 1 first, and the order every round ran in. */
    public RunSetup merged(List<HostFingerprint> shardHosts, List<List<String>> ran) {
        String names = String.join(", ", shardHosts.stream().map(HostFingerprint::name).distinct().toList());
        return new RunSetup(kernels, accel, warmups, runs, order, seed, settings, units, suite,
                shardHosts.size() + " shards on " + names, qemu, kbench, date, ran, shardHosts, null);
    }

    /** Where {@code kernel} ran in each round it ran in (0 = first), round 0 first. */
    public List<Integer> positions(String kernel) {
        return rounds.stream().filter(round -> round.contains(kernel)).map(round -> round.indexOf(kernel)).toList();
    }

    /** Where the setup of a JMH JSON file is: {@code OUT.setup.json} beside {@code OUT.json}. */
    public static Path beside(Path jmhJson) {
        return jmhJson.resolveSibling(jmhJson.getFileName().toString().replaceFirst("\\.json$", "") + ".setup.json");
    }

    public Path writeBeside(Path jmhJson) throws IOException {
        Path file = beside(jmhJson);
        JSON.writeValue(file.toFile(), this);
        return file;
    }

    /** The setup beside a JMH JSON file, or empty for JMH's JSON from elsewhere. */
    public static Optional<RunSetup> readBeside(Path jmhJson) throws IOException {
        Path file = beside(jmhJson);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), RunSetup.class));
        } catch (IOException e) {
            throw new KbenchException(KbenchException.Kind.BAD_INPUT, file + " is not the setup kbench run writes: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }
}
