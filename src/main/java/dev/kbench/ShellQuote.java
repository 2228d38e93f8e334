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
