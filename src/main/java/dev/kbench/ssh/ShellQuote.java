package dev.kbench.ssh;

import java.util.List;

/** POSIX shell quoting: SSH hands the guest one command line, which its login shell splits again. */
final class ShellQuote {

    private ShellQuote() {
    }

    /** {@code it's} becomes {@code 'it'\''s'}: single quotes keep every other byte as it is. */
    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    static String join(List<String> words) {
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
