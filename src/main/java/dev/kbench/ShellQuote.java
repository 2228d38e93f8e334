package dev.kbench;

import java.util.List;

/** POSIX shell quoting, for command lines a shell splits again: SSH's to the guest, job scripts' on a cluster. */
public final class ShellQuote {

    private ShellQuote() {
    }

    /** {@code it's} becomes {@code 'it'\''s'}: single quotes keep every other byte as it is. */
    public static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** As {@link #join}, quoting only the words that need it: for a command line a person reads and may paste. */
    public static String readable(List<String> words) {
        StringBuilder line = new StringBuilder();
        for (String word : words) {
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(!word.isEmpty() && word.matches("[A-Za-z0-9_@%+=:,./-]+") ? word : quote(word));
        }
        return line.toString();
    }

    public static String join(List<String> words) {
        StringBuilder line = new StringBuilder();
        for (String word : words) {
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(quote(word));
        }
        return line.toString();
    }
}
