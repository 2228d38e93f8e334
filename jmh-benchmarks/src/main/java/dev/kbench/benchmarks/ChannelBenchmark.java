package dev.kbench.benchmarks;

import dev.kbench.jmh.ForkHandOff;
import dev.kbench.plan.BootPlan;
import dev.kbench.vm.Accel;
import dev.kbench.vm.Vm;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of kbench's guest channel: the round trip of an empty ping frame to the guest agent,
 * next to the same bytes bounced by a bare C echo loop as init ({@code kbench-echo-init}) over
 * the same virtio-serial port. The difference is the agent's own overhead per request.
 * See docs/measurements.md.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class ChannelBenchmark {

    /** The guest's init: the agent, or the bare echo baseline. */
    @Param({"kbench-agent", "kbench-echo-init"})
    public String init;

    @Param("default")
    public String kernel;

    @Param("auto")
    public String accel;

    private static final Duration REPLY = Duration.ofSeconds(10);
    private static final byte[] EMPTY = new byte[0];
    private Vm vm;

    @Setup(Level.Trial)
    public void boot() throws IOException {
        BootPlan plan = BootPlan.builder(ForkHandOff.received().settings(), kernel).accel(Accel.parse(accel))
                .contents(image -> image.init(init)).prepare();
        // an echo loop bounces the ping frame back unchanged, which reads as the ping's reply
        vm = Vm.boot(plan.spec());
    }

    @Benchmark
    public byte[] emptyRoundTrip() throws IOException {
        return vm.agent().ping(EMPTY, REPLY);
    }

    @TearDown(Level.Trial)
    public void stop() {
        vm.close();
    }
}
