package dev.kbench.boot;

import dev.kbench.plan.BootPlan;
import dev.kbench.results.JsonLines;
import dev.kbench.vm.Marker;
import dev.kbench.vm.Vm;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Boots a fresh VM of a plan until its agent is ready, turns the markers that arrived into
 * phases, records the boot in the boot log as soon as it ends, and stops the VM. A boot that
 * fails is recorded too, with its reason, before the error goes on.
 */
public final class BootMeasurement {

    /** Far longer than the two sockets ever differ by; a kernel without the marker only costs this once per boot. */
    private static final java.time.Duration READY_MARKER_WAIT = java.time.Duration.ofSeconds(1);

    private final BootPlan plan;
    private final Map<String, String> setting;
    private final JsonLines<BootRecord> log;
    private int boots;

    public BootMeasurement(BootPlan plan, Map<String, String> setting, JsonLines<BootRecord> log) {
        this.plan = plan;
        this.setting = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(setting));
        this.log = log;
    }

    /** @param warmup whether this boot only warms the cache (it is recorded as such) */
    public BootRecord bootOnce(boolean warmup) throws IOException {
        int index = boots++;
        try (Vm vm = Vm.boot(plan.spec())) {
            List<Marker> markers = vm.markersOnceReady(READY_MARKER_WAIT);
            // the plugin writes a marker's stamp before the guest's OUT runs, so every marker received has its stamp by now
            CountedPhases counted = plan.spec().counting().isPresent() ? CountedPhases.of(plan.kernel().name(), markers, vm.counts())
                    : new CountedPhases(Map.of(), null);
            BootRecord record = new BootRecord(Instant.now().toString(), plan.kernel().name(), setting, index, warmup,
                    BootPhases.of(markers, vm.vmmStartup()), vm.bootDuration().toNanos() / 1000.0, null, counted.phases(), counted.note());
            log.append(record);
            return record;
        } catch (IOException e) {
            // the whole message: its first line says why, the console's tail below it shows the guest's side
            log.append(new BootRecord(Instant.now().toString(), plan.kernel().name(), setting, index, warmup, Map.of(), 0,
                    e.getMessage()));
            throw e;
        }
    }
}
