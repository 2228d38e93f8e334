package dev.kbench.vm;

import java.util.List;
import java.util.Locale;

/**
 * The guest's network card on QEMU user networking. {@code E1000} is lsm-perf's machine;
 * Debian's cloud kernel has no e1000 driver at all and needs {@code VIRTIO_NET}.
 */
public enum NetModel {
    E1000("e1000", List.of("e1000")),
    VIRTIO_NET("virtio-net-pci", List.of("virtio_net"));

    private final String qemuDevice;
    private final List<String> modules;

    NetModel(String qemuDevice, List<String> modules) {
        this.qemuDevice = qemuDevice;
        this.modules = modules;
    }

    public static NetModel parse(String text) {
        for (NetModel model : values()) {
            if (model.optionName().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return model;
            }
        }
        throw new IllegalArgumentException("unknown network model '" + text + "': use e1000 or virtio-net");
    }

    /** As the command line spells it: {@code virtio-net}. */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public List<String> modules() {
        return modules;
    }

    String qemuDevice() {
        return qemuDevice;
    }
}
