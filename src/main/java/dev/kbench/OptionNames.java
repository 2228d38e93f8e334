package dev.kbench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How kbench's enums read on a command line: lower case, words joined by hyphens
 * ({@code VIRTIO_SCSI} is {@code virtio-scsi}), and one error wording for a name that is none of them.
 */
public final class OptionNames {

    private OptionNames() {
    }

    public static String of(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The constant {@code text} names, or "unknown WHAT 'text': use a, b or c". */
    public static <E extends Enum<E>> E parse(Class<E> type, String text, String what) {
        List<E> values = Arrays.asList(type.getEnumConstants());
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        for (E value : values) {
            if (of(value).equals(wanted)) {
                return value;
            }
        }
        List<String> names = values.stream().map(OptionNames::of).toList();
        String choices = names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
        throw new IllegalArgumentException("unknown " + what + " '" + text + "': use " + choices);
    }
}
