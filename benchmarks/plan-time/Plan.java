// benchmarks/plan-time.sh: GuestImage.buildFor timed in a fresh JVM (args: VMLINUZ MODULES CACHE suite|modules)
import dev.kbench.guest.GuestImage;
import dev.kbench.kernel.Kernel;
import java.nio.file.Path;
import java.util.Optional;

public class Plan {
    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        Kernel kernel = new Kernel("default", Path.of(args[0]), "", Optional.of(Path.of(args[1])));
        GuestImage image = new GuestImage(Path.of(args[2]));
        if (args[3].equals("suite")) {
            image.workloads(GuestImage.builtInWorkloads());
        }
        Path built = image.buildFor(kernel);
        System.out.printf("%s %.0f ms%n", built.getFileName(), (System.nanoTime() - start) / 1e6);
    }
}
