package dev.kbench.cluster;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one shard's container asks for. Requests equal limits for CPU and memory, and the CPUs
 * are whole, so the pod's QoS class is Guaranteed and a kubelet running the static CPU manager
 * policy gives the container CPUs of its own; {@code /dev/kvm} comes from a device plugin, as
 * the extended resource {@code kvmResource}.
 */
public record ShardResources(int cpus, MemorySize memory, String kvmResource) {

    /** KubeVirt's device plugin (virt-handler) advertises /dev/kvm under this name. */
    public static final String KUBEVIRT_KVM = "devices.kubevirt.io/kvm";

    /**
     * Room beside the guest's memory: kbench's JVM and its JMH fork (each takes a quarter of the
     * container's limit as heap by default), QEMU's own memory, and the page cache of kernels
     * and disk images, which the container's memory limit counts. An estimate, not a measurement.
     */
    public static final long HOST_SIDE_MIB = 2048;

    public ShardResources {
        if (cpus < 1) {
            throw new IllegalArgumentException("--cpus must be at least 1, not " + cpus);
        }
        Objects.requireNonNull(memory, "memory");
        KubernetesNames.qualifiedName("--kvm-resource", Objects.requireNonNull(kvmResource, "kvmResource"), true);
    }

    /** The memory a shard whose guest has {@code guestMib} MiB asks for when not told. */
    public static MemorySize memoryForGuest(int guestMib) {
        return MemorySize.ofMib(guestMib + HOST_SIDE_MIB);
    }

    /** Equal to {@link #limits()} but without the device: a request for it defaults to its limit. */
    Map<String, String> requests() {
        Map<String, String> requests = new LinkedHashMap<>();
        requests.put("cpu", Integer.toString(cpus));
        requests.put("memory", memory.quantity());
        return requests;
    }

    Map<String, String> limits() {
        Map<String, String> limits = requests();
        limits.put(kvmResource, "1");
        return limits;
    }
}
