package dev.kbench.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kbench.ExitStatus;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/cli.md's table of exit statuses is the one kbench exits with: each status and its meaning, in order. */
class CliPageTest {

    private static final Pattern ROW = Pattern.compile("^\\| (\\d+) \\| ([^|]+) \\|.*");

    @Test
    void theExitStatusTableIsExitStatus() throws Exception {
        List<String> documented = new ArrayList<>();
        for (String line : Files.readAllLines(DocPages.repository().resolve("docs/cli.md"))) {
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                documented.add(row.group(1) + " " + row.group(2).strip());
            }
        }
        List<String> statuses = new ArrayList<>();
        for (ExitStatus status : ExitStatus.values()) {
            statuses.add(status.code() + " " + status.meaning());
        }
        assertEquals(statuses, documented);
    }
}
