package dev.kbench.explain;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A guest's kernel symbols, as its {@code /proc/kallsyms} lists them (read as root, so with real
 * addresses: KASLR moves nothing here). An address belongs to the nearest symbol at or below it
 * when that symbol is code ({@code t}, {@code T}, {@code w}, {@code W}), a module's named with
 * its module; after a data symbol, or below every symbol, it is {@link #UNKNOWN_KERNEL}. The guest
 * is not trusted: a line that is not {@code ADDRESS TYPE NAME [MODULE]} is skipped and counted,
 * names are cut to {@value #NAME_LIMIT} characters, and at most {@value #SYMBOL_LIMIT} symbols are kept.
 */
public final class Kallsyms {

    /** Every address of the user's half of x86-64's address space is "user space". */
    public static final String USER_SPACE = "user space";
    public static final String UNKNOWN_KERNEL = "unknown kernel";
    /** The lowest kernel address of x86-64 (4-level and 5-level paging alike). */
    static final long KERNEL_START = 0xffff800000000000L;
    static final int NAME_LIMIT = 200;
    static final int SYMBOL_LIMIT = 2_000_000;

    private final long[] starts;
    /** The function's name, or null for a data symbol (the end of the code before it). */
    private final String[] names;
    private final int skipped;

    private Kallsyms(long[] starts, String[] names, int skipped) {
        this.starts = starts;
        this.names = names;
        this.skipped = skipped;
    }

    private record Symbol(long start, String name) {
    }

    public static Kallsyms parse(byte[] text) {
        List<Symbol> symbols = new ArrayList<>();
        int skipped = 0;
        for (String line : new String(text, StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            Symbol symbol = symbol(line);
            if (symbol == null || symbols.size() >= SYMBOL_LIMIT) {
                skipped++;
            } else {
                symbols.add(symbol);
            }
        }
        // code wins over data at one address: a function and a label sharing its start name the function
        symbols.sort(Comparator.comparing(Symbol::start, Long::compareUnsigned).thenComparing(s -> s.name() == null));
        long[] starts = new long[symbols.size()];
        String[] names = new String[symbols.size()];
        for (int i = 0; i < symbols.size(); i++) {
            starts[i] = symbols.get(i).start();
            names[i] = symbols.get(i).name();
        }
        return new Kallsyms(starts, names, skipped);
    }

    /** One line, or null when it is not one of kallsyms' (ADDRESS TYPE NAME, then [MODULE] after a tab). */
    private static Symbol symbol(String line) {
        String[] fields = line.strip().split("\\s+");
        if (fields.length < 3 || fields.length > 4 || fields[0].length() > 16 || fields[1].length() != 1) {
            return null;
        }
        long start;
        try {
            start = Long.parseUnsignedLong(fields[0], 16);
        } catch (NumberFormatException e) {
            return null;
        }
        char type = fields[1].charAt(0);
        if (fields.length == 4 && !(fields[3].startsWith("[") && fields[3].endsWith("]"))) {
            return null;
        }
        String name = cut(fields[2]) + (fields.length == 4 ? " " + cut(fields[3]) : "");
        return new Symbol(start, "tTwW".indexOf(type) >= 0 ? name : null);
    }

    private static String cut(String name) {
        return name.length() <= NAME_LIMIT ? name : name.substring(0, NAME_LIMIT) + "...";
    }

    /** The function {@code address} lies in, {@link #USER_SPACE} or {@link #UNKNOWN_KERNEL}. */
    public String functionAt(long address) {
        if (Long.compareUnsigned(address, KERNEL_START) < 0) {
            return USER_SPACE;
        }
        int low = 0;
        int high = starts.length - 1;
        int found = -1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (Long.compareUnsigned(starts[mid], address) <= 0) {
                found = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        if (found < 0) {
            return UNKNOWN_KERNEL;
        }
        // several symbols may start at that address: the first of them, code sorted first, names it
        while (found > 0 && starts[found - 1] == starts[found]) {
            found--;
        }
        return names[found] != null ? names[found] : UNKNOWN_KERNEL;
    }

    /** The instructions of one window, per guest address, summed per function. */
    public Map<String, Long> functions(Map<Long, Long> perAddress) {
        Map<String, Long> functions = new TreeMap<>();
        perAddress.forEach((address, count) -> functions.merge(functionAt(address), count, Long::sum));
        return functions;
    }

    /** Whether every symbol is at address 0: the kernel hides its addresses (kptr_restrict), even from root. */
    public boolean hidesAddresses() {
        return starts.length > 0 && starts[starts.length - 1] == 0;
    }

    /** How many symbols were read. */
    public int size() {
        return starts.length;
    }

    /** How many lines were not symbols of kallsyms' form (or past the limit). */
    public int skipped() {
        return skipped;
    }

    @Override
    public String toString() {
        return "Kallsyms[" + starts.length + " symbols, " + skipped + " lines skipped" + (starts.length > 0 ? ", from "
                + Long.toHexString(starts[0]) + " to " + Long.toHexString(starts[starts.length - 1]) : "") + "]";
    }
}
