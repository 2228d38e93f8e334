package dev.kbench.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kbench explain on two variants of Debian's kernel, its default LSM stack against capabilities
 * alone, under icount: the per-function counts sum, within 1 %, to the difference the workload
 * itself printed, and AppArmor's read hook is among the functions that differ.
 */
class ExplainIT {

    @TempDir
    Path tmp;

    @Test
    void theFunctionsSumToTheDifferenceTheWorkloadPrintedAndNameTheLsmHooks() throws Exception {
        TestKernel.debianCloud();
        List<String> lines = new ArrayList<>();
        int exit = KbenchProcess.run(tmp, lines, "explain", "caponly", "stack", "--variant", "caponly=default lsm=capability",
                "--variant", "stack=default", "-w", "read-small", "--operations", "3000", "--top", "10", "-o", "explain");
        assertEquals(0, exit, "kbench explain failed; its output is above");

        JsonNode json = new ObjectMapper().readTree(tmp.resolve("explain.json").toFile());
        double functions = 0;
        for (JsonNode row : json.get("functions")) {
            functions += row.get("difference").asDouble();
        }
        double printed = json.get("difference").get("printed").asDouble();
        // the default stack adds about 110 instructions to a 1-byte read (docs/lsm-cost.md, docs/explain.md)
        assertTrue(printed > 50, "the stack costs instructions per read: " + printed);
        assertEquals(printed, functions, Math.abs(printed) * 0.01, "the functions' differences sum to the printed one within 1 %");
        assertEquals(json.get("difference").get("functions").asDouble(), functions, 1e-6);

        List<String> top = new ArrayList<>();
        json.get("functions").forEach(row -> top.add(row.get("function").asText()));
        assertTrue(top.subList(0, 5).contains("apparmor_file_permission"), "AppArmor's hook is among the 5 that differ most: " + top);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("apparmor_file_permission ")), "the table lists it: " + lines);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("read-small: the functions account for")), String.join("\n", lines));
        assertTrue(Files.readString(tmp.resolve("explain.md")).contains("| apparmor_file_permission | 0.0 |"));
        assertTrue(Files.readString(tmp.resolve("explain.svg")).contains(">apparmor_file_permission</text>"));
        assertEquals(List.of(), QemuProcesses.ours());
    }

    @Test
    void kvmIsAUsageErrorAndAProgramOfTheUsersIsRefused() throws Exception {
        List<String> kvm = new ArrayList<>();
        assertEquals(2, KbenchProcess.run(tmp, kvm, "explain", "a", "b", "--accel", "kvm"));
        assertTrue(kvm.stream().anyMatch(l -> l.startsWith("kbench: usage error: --accel kvm: explain counts instructions")), kvm.toString());
        List<String> program = new ArrayList<>();
        assertEquals(2, KbenchProcess.run(tmp, program, "explain", "a", "b", "-w", "/bin/true"));
        assertTrue(program.stream().anyMatch(l -> l.contains("-w takes one built-in workload here")), program.toString());
    }
}
