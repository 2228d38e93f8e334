package dev.kbench.soak;

import dev.kbench.boot.BootLog;
import dev.kbench.boot.BootMeasurement;
import dev.kbench.boot.BootRecord;
import dev.kbench.results.JsonLines;
import dev.kbench.run.BootPlan;
import dev.kbench.vm.Accel;
import dev.kbench.vm.Machine;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Boots one kernel many times in a row, each boot a fresh VM, while a second VM boots over and
 * over beside it to load the host: a boot that hangs only under load shows up here. Unlike
 * {@code kbench boot}, a failed boot does not stop the soak; it is counted, its evidence
 * (console, QEMU's state) is kept, and the soak goes on.
 */
public final class Soak {

    /**
     * @param boots measured boots to run (fewer if {@code timeLimit} ends the soak first)
     * @param load whether a second VM boots over and over during the soak
     * @param out path prefix: OUT.boots.jsonl, OUT.failed-boots/, OUT.load.boots.jsonl, OUT.load.failed-boots/, OUT.soak.md
     */
    public record Settings(String kernel, Machine machine, Accel accel, int memoryMib, int boots, Duration timeLimit,
            Duration bootTimeout, boolean load, Path out) {
    }

    private final Settings settings;
    private final PrintStream out;
    private final boolean terminal;

    public Soak(Settings settings, PrintStream out, boolean terminal) {
        this.settings = settings;
        this.out = out;
        this.terminal = terminal;
    }

    public SoakResult run() throws IOException {
        BootPlan plan = BootPlan.prepare(settings.kernel(), "", new BootPlan.Shape(settings.machine(), Optional.empty()), settings.accel(),
                settings.memoryMib(), image -> image, out);
        plan = new BootPlan(plan.spec().toBuilder().bootTimeout(settings.bootTimeout()).build(), plan.accel());
        Path measuredLog = sibling(".boots.jsonl");
        Path loadLog = sibling(".load.boots.jsonl");
        java.nio.file.Files.deleteIfExists(measuredLog);
        java.nio.file.Files.deleteIfExists(loadLog);
        dev.kbench.FileTrees.delete(BootLog.failureDir(measuredLog));
        dev.kbench.FileTrees.delete(BootLog.failureDir(loadLog));

        List<SoakFailure> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger loadBoots = new AtomicInteger();
        Thread loader = null;
        long start = System.nanoTime();
        try (JsonLines<BootRecord> log = BootLog.appendTo(measuredLog); JsonLines<BootRecord> loadJsonl = BootLog.appendTo(loadLog)) {
            if (settings.load()) {
                BootMeasurement load = new BootMeasurement(plan.withFailureDir(BootLog.failureDir(loadLog)), setting(plan, "load"), loadJsonl);
                loader = new Thread(() -> loadTheHost(load, stop, failures, loadBoots), "kbench-soak-load");
                loader.setDaemon(true);
                loader.start();
            }
            BootMeasurement measured = new BootMeasurement(plan.withFailureDir(BootLog.failureDir(measuredLog)), setting(plan, "measured"), log);
            List<Double> readyMs = new ArrayList<>();
            int boot = 0;
            int serialBoots = 0;
            for (; boot < settings.boots() && System.nanoTime() - start < settings.timeLimit().toNanos(); boot++) {
                try {
                    readyMs.add(measured.bootOnce(false).hostReadyMicros() / 1000);
                    if (!"virtio".equals(measured.channelOfLastBoot())) {
                        serialBoots++; // the agent gave up waiting for its virtio port: slower, and a sign of trouble
                    }
                } catch (IOException e) {
                    SoakFailure failure = SoakFailure.of("measured", boot, e);
                    failures.add(failure);
                    out.println((terminal ? "\r" : "") + "\tboot " + boot + " failed: " + failure.reason()
                            + failure.evidence().map(ev -> " (" + ev.qemuState() + ")").orElse(""));
                }
                progress(plan.accel().qemuName(), boot + 1, (int) failures.stream().filter(f -> f.role().equals("measured")).count(), readyMs);
            }
            stop.set(true);
            if (loader != null) {
                // the load VM's current boot ends by itself within the boot timeout
                loader.join(settings.bootTimeout().plusSeconds(60).toMillis());
            }
            if (terminal) {
                out.println();
            }
            List<SoakFailure> all;
            synchronized (failures) {
                all = List.copyOf(failures);
            }
            return new SoakResult(settings, plan.accel(), boot, BootTimes.of(readyMs), all, serialBoots, loadBoots.get(),
                    Duration.ofNanos(System.nanoTime() - start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the soak waited for its load VM", e);
        } finally {
            stop.set(true);
        }
    }

    private void loadTheHost(BootMeasurement load, AtomicBoolean stop, List<SoakFailure> failures, AtomicInteger boots) {
        while (!stop.get()) {
            int boot = boots.getAndIncrement();
            try {
                load.bootOnce(false);
            } catch (IOException e) {
                failures.add(SoakFailure.of("load", boot, e));
            }
        }
    }

    private Map<String, String> setting(BootPlan plan, String role) {
        Map<String, String> setting = new LinkedHashMap<>();
        setting.put("mem", Integer.toString(settings.memoryMib()));
        setting.put("accel", plan.accel().qemuName());
        setting.put("machine", settings.machine().qemuName());
        setting.put("role", role);
        return setting;
    }

    private void progress(String accelName, int done, int failed, List<Double> readyMs) {
        if (terminal || done % 25 == 0 || done == settings.boots()) {
            out.print((terminal ? "\r" : "") + "\tsoak " + settings.machine().qemuName() + " " + accelName + ": " + done + "/"
                    + settings.boots() + " boots, " + failed + " failed, " + BootTimes.of(readyMs) + (terminal ? "" : "\n"));
            out.flush();
        }
    }

    private Path sibling(String suffix) {
        return settings.out().resolveSibling(settings.out().getFileName() + suffix);
    }
}
