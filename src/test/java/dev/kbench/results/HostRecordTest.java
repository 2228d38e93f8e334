package dev.kbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostRecordTest {

    @TempDir
    Path tmp;

    @Test
    void theHostRecordCarriesTheFingerprintAndNoOtherRecordSaysHost() throws Exception {
        HostFingerprint host = new HostFingerprint("node1", "Intel Xeon", 16, "6.1.0-28-amd64", "QEMU emulator version 7.2.0", "kvm", "0.1.0",
                "0cf97cc");
        Path log = tmp.resolve("x.runs.jsonl");
        try (RunLog runLog = RunLog.appendTo(log)) {
            runLog.append(RunRecord.host("2026-11-27T18:00:00Z", host));
            runLog.append(new RunRecord("2026-11-27T18:00:01Z", "b", "stock", "eventfd", "vm1", "kvm", RunPhase.MEASUREMENT, 0, 5L, 9, null, 0, 0,
                    null, null));
        }
        List<RunRecord> back = RunLog.read(log);
        assertEquals(RunPhase.HOST, back.get(0).phase());
        assertEquals(host, back.get(0).host());
        assertEquals("kbench 0.1.0 (0cf97cc)", back.get(0).host().build());
        assertNull(back.get(1).host());
        assertFalse(Files.readAllLines(log).get(1).contains("\"host\""), "a run's record has no host field");
        assertEquals(5L, back.get(1).value());
        assertEquals(java.util.Optional.of(host), RunLog.host(log), "the head of the log says where it ran");
        java.nio.file.Files.writeString(log, "not a record\n" + java.nio.file.Files.readString(log));
        assertEquals(log + ":1: not a kbench RunRecord: ",
                org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> RunLog.host(log)).getMessage().substring(0, (log + ":1: not a kbench RunRecord: ").length()));
    }
}
