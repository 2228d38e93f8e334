// benchmarks/plan-time.sh: BootPlan.prepare of an lsm-perf-style image boot timed in a fresh JVM (args: IMAGE)
import dev.kbench.Settings;
import dev.kbench.plan.BootPlan;
import dev.kbench.plan.GuestSettings;
import dev.kbench.vm.Accel;
import dev.kbench.vm.DiskImage;
import dev.kbench.vm.DiskModel;
import dev.kbench.vm.NetModel;
import java.nio.file.Path;

public class ImagePlan {
    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        GuestSettings settings = GuestSettings.from(Settings.fromEnvironment());
        long settingsNs = System.nanoTime();
        BootPlan plan = BootPlan.builder(settings, "default").diskImage(DiskImage.of(Path.of(args[0])).disk(DiskModel.VIRTIO_SCSI).net(NetModel.VIRTIO_NET))
                .accel(Accel.TCG).memoryMib(4096).prepare();
        System.out.printf("settings %.0f ms, prepare %.0f ms%n", (settingsNs - start) / 1e6, (System.nanoTime() - settingsNs) / 1e6);
    }
}
