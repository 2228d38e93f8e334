import dev.kbench.Settings;
import dev.kbench.guest.GuestBinaries;
import dev.kbench.guest.Transport;
import dev.kbench.plan.BootPlan;
import dev.kbench.plan.GuestSettings;
import dev.kbench.ssh.ImageGuest;
import dev.kbench.vm.Accel;
import dev.kbench.vm.DiskImage;
import dev.kbench.vm.NetModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What starting the agent costs over SSH in one VM of a disk image booted through kbench's
 * initramfs (docs/measurements.md, "The agent kbench's initramfs leaves in the image"): the
 * pre-placed agent's check (as PreplacedAgent.command, without the exec), the copy's command
 * with the agent's bytes (as SshConnection.installCommand), and {@code exec true}, alternating,
 * 10 times each after 2 warm-ups. Run under the VM lock:
 *
 * <pre>
 * java -cp target/benchmarks.jar benchmarks/agent-start/AgentStartPieces.java IMAGE KEY
 * </pre>
 */
public class AgentStartPieces {
    public static void main(String[] args) throws Exception {
        GuestSettings settings = GuestSettings.from(Settings.fromEnvironment());
        var spec = BootPlan.builder(settings, "default").diskImage(DiskImage.of(Path.of(args[0])).net(NetModel.VIRTIO_NET))
                .accel(Accel.TCG).prepare().spec();
        String build = GuestBinaries.agentBuild();
        byte[] agent = GuestBinaries.agent();
        String check = "build=; { read -r build < /run/kbench/kbench-agent.build; } 2>/dev/null; [ \"$build\" = '" + build
                + "' ] && [ -x /run/kbench/kbench-agent ] || exit 3; mkdir -p /tmp/kbench && true";
        String copy = "mkdir -p /tmp/kbench && cat > /tmp/kbench/kbench-agent.tmp && chmod 755 /tmp/kbench/kbench-agent.tmp && mv -f /tmp/kbench/kbench-agent.tmp /tmp/kbench/kbench-agent";
        List<Long> t = new ArrayList<>(), c = new ArrayList<>(), p = new ArrayList<>();
        try (ImageGuest guest = ImageGuest.builder(spec).key(Path.of(args[1])).transport(Transport.SSH).boot()) {
            var ssh = guest.ssh();
            for (int i = 0; i < 12; i++) {
                long s = System.nanoTime();
                var r1 = ssh.exec(check, new byte[0], Duration.ZERO, Duration.ofSeconds(60));
                long a = System.nanoTime();
                var r2 = ssh.exec(copy, agent, Duration.ZERO, Duration.ofSeconds(60));
                long b = System.nanoTime();
                var r3 = ssh.exec("exec true", new byte[0], Duration.ZERO, Duration.ofSeconds(60));
                long e = System.nanoTime();
                if (r1.exitStatus() != 0 || r2.exitStatus() != 0 || r3.exitStatus() != 0) throw new IllegalStateException(r1 + " " + r2 + " " + r3);
                if (i >= 2) { p.add((a - s) / 1_000_000); c.add((b - a) / 1_000_000); t.add((e - b) / 1_000_000); }
            }
        }
        System.out.println("pre-placed check ms " + p);
        System.out.println("copy command ms     " + c);
        System.out.println("exec true ms        " + t);
    }
}
