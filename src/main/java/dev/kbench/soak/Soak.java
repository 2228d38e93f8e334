package dev.kbench.soak;

import dev.kbench.FileTrees;
import dev.kbench.KbenchException;
import dev.kbench.boot.BootLog;
import dev.kbench.boot.BootPhases;
import dev.kbench.boot.BootRecord;
import dev.kbench.plan.BootPlan;
import dev.kbench.plan.GuestSettings;
import dev.kbench.results.JsonLines;
import dev.kbench.vm.Accel;
import dev.kbench.vm.Machine;
import dev.kbench.vm.Vm;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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

    /** Far longer than the marker and the agent's answer ever differ by (see BootMeasurement). */
    private static final Duration READY_MARKER_WAIT = Duration.ofSeconds(1);

    /**
     * @param boots measured boots to run (fewer if {@code timeLimit} ends the soak first)
     * @param load whether a second VM boots over and over during the soak
     * @param out path prefix: OUT.boots.jsonl, OUT.failed-boots/, OUT.load.boots.jsonl, OUT.load.failed-boots/, OUT.soak.md
     */
    public record Settings(String kernel, Machine machine, Accel accel, int memoryMib, int boots, Duration timeLimit,
            Duration bootTimeout, boolean load, GuestSettings guest, Path out) {
    }

    private final Settings settings;
    private final PrintStream out;
    private final boolean terminal;

    public Soak(Settings settings, PrintStream out, boolean terminal) {
        this.settings = settings;
        this.out = out;
        this.terminal = terminal;
    }

    /** One of the two boot loops: its plan, its log, and what it saw. */
    private final class Loop {
        final String role;
        final BootPlan plan;
        final JsonLines<BootRecord> log;
        final AtomicInteger boots = new AtomicInteger();
        final AtomicInteger serialBoots = new AtomicInteger();
        final List<Double> readyMs = Collections.synchronizedList(new ArrayList<>());
        final ConsoleLines console = new ConsoleLines();

        Loop(String role, BootPlan plan, Path logFile) throws IOException {
            this.role = role;
            this.plan = new BootPlan(plan.spec().toBuilder().failureDir(BootLog.failureDir(logFile)).build());
            this.log = BootLog.appendTo(logFile);
        }

        /** Boots once and records it; a failure is returned, not thrown, since a soak goes on. */
        Optional<SoakFailure> bootOnce() throws IOException {
            int index = boots.getAndIncrement();
            try (Vm vm = Vm.boot(plan.spec())) {
                BootRecord record = new BootRecord(Instant.now().toString(), plan.kernel().name(), setting(role), index, false,
                        BootPhases.of(vm.markersOnceReady(READY_MARKER_WAIT), vm.vmmStartup()), vm.bootDuration().toNanos() / 1000.0, null);
                log.append(record);
                readyMs.add(record.hostReadyMicros() / 1000);
                if (!"virtio".equals(vm.channel())) {
                    serialBoots.incrementAndGet(); // the agent gave up waiting for its virtio port: slower, and a sign of trouble
                }
                console.add(vm.consoleText());
                return Optional.empty();
            } catch (IOException e) {
                log.append(new BootRecord(Instant.now().toString(), plan.kernel().name(), setting(role), index, false, Map.of(), 0,
                        e.getMessage()));
                return Optional.of(SoakFailure.of(role, index, e));
            }
        }
    }

    public SoakResult run() throws IOException {
        BootPlan plan = BootPlan.builder(settings.guest(), settings.kernel()).shape(new BootPlan.Shape(settings.machine(), Optional.empty()))
                .accel(settings.accel()).memoryMib(settings.memoryMib()).log(out).prepare();
        plan = new BootPlan(plan.spec().toBuilder().bootTimeout(settings.bootTimeout()).build());
        Path measuredLog = sibling(".boots.jsonl");
        Path loadLog = sibling(".load.boots.jsonl");
        for (Path log : List.of(measuredLog, loadLog)) {
            // a soak's files describe one soak: an earlier one with this prefix is replaced
            Files.deleteIfExists(log);
            FileTrees.delete(BootLog.failureDir(log));
        }
        List<SoakFailure> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        Loop measured = new Loop("measured", plan, measuredLog);
        Loop load = new Loop("load", plan, loadLog);
        Thread loader = null;
        long start = System.nanoTime();
        try {
            if (settings.load()) {
                loader = new Thread(() -> loadTheHost(load, stop, failures), "kbench-soak-load");
                loader.setDaemon(true);
                loader.start();
            }
            while (measured.boots.get() < settings.boots() && System.nanoTime() - start < settings.timeLimit().toNanos()) {
                Optional<SoakFailure> failure = measured.bootOnce();
                failure.ifPresent(f -> {
                    failures.add(f);
                    out.println((terminal ? "\r" : "") + "\tboot " + f.boot() + " failed: " + f.reason()
                            + f.evidence().map(ev -> " (" + ev.qemuState() + ")").orElse(""));
                });
                progress(plan.accel().qemuName(), measured.boots.get(), (int) failures.stream().filter(f -> f.role().equals("measured")).count(),
                        measured.readyMs);
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
            return new SoakResult(settings, plan.accel(), measured.boots.get(), BootTimes.of(List.copyOf(measured.readyMs)), all,
                    measured.serialBoots.get(), measured.console.mostFrequent(10), load.boots.get(), Duration.ofNanos(System.nanoTime() - start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KbenchException(KbenchException.Kind.INFRASTRUCTURE, "interrupted while the soak waited for its load VM", e);
        } finally {
            stop.set(true);
            measured.log.close();
            load.log.close();
        }
    }

    private void loadTheHost(Loop load, AtomicBoolean stop, List<SoakFailure> failures) {
        while (!stop.get()) {
            try {
                load.bootOnce().ifPresent(failures::add);
            } catch (IOException e) {
                // the load's boot log could not be written: the load goes on, the measured boots are what counts
            }
        }
    }

    private Map<String, String> setting(String role) {
        Map<String, String> setting = new LinkedHashMap<>();
        setting.put("mem", Integer.toString(settings.memoryMib()));
        setting.put("machine", settings.machine().qemuName());
        setting.put("role", role);
        return setting;
    }

    private void progress(String accelName, int done, int failed, List<Double> readyMs) {
        if (terminal || done % 25 == 0 || done == settings.boots()) {
            out.print((terminal ? "\r" : "") + "\tsoak " + settings.machine().qemuName() + " " + accelName + ": " + done + "/"
                    + settings.boots() + " boots, " + failed + " failed, " + BootTimes.of(List.copyOf(readyMs)) + (terminal ? "" : "\n"));
            out.flush();
        }
    }

    private Path sibling(String suffix) {
        return settings.out().resolveSibling(settings.out().getFileName() + suffix);
    }
}
