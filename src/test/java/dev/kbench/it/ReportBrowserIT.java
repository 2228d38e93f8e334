package dev.kbench.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeroturnaround.exec.ProcessExecutor;
import org.zeroturnaround.exec.ProcessResult;

/**
 * {@code kbench report}'s page in a real browser: Debian's Chromium, headless and cut off from
 * the network (every host name fails to resolve), so a page that needed anything from outside
 * would show it. The screenshot and the page are kept in {@code target/report-it/} to look at.
 */
class ReportBrowserIT {

    private static final Path KEEP = Path.of("target/report-it").toAbsolutePath();

    /** Records script errors and failed loads (an image that does not decode) and, once loaded, what the images became. */
    private static final String PROBE = """
            <script>
            var kbenchErrors = [];
            window.addEventListener('error', function (e) {
              kbenchErrors.push(e.message || ('failed to load ' + (e.target && (e.target.src || e.target.href))));
            }, true);
            window.addEventListener('load', function () {
              var pre = document.createElement('pre');
              pre.id = 'kbench-probe';
              var images = Array.prototype.map.call(document.images, function (i) {
                return i.complete + ' ' + i.naturalWidth + 'x' + i.naturalHeight;
              });
              pre.textContent = 'images: ' + images.join(', ') + '\\nerrors: ' + kbenchErrors.join(' | ');
              document.body.appendChild(pre);
            });
            </script>
            """;

    @TempDir
    Path tmp;

    @Test
    void theReportRendersOfflineWithItsTablesAndPlotsAndNoErrors() throws Exception {
        String chromium = chromium();
        // a.json as kbench writes it now, its workload in eventfd's unit; b.json as it wrote before units (JMH's "#")
        Files.writeString(tmp.resolve("a.json"), Files.readString(resource("jmh-workload.json")).replace("\"#\"", "\"us CPU/1000000 ops\""));
        Files.copy(resource("jmh-workload.setup.json"), tmp.resolve("a.setup.json")); // as kbench run writes it beside its JSON
        Files.copy(resource("jmh-workload-b.json"), tmp.resolve("b.json"));
        List<String> lines = new ArrayList<>();
        assertEquals(0, KbenchProcess.run(tmp, lines, "report", "a.json", "b.json", "-o", "report.html"), lines.toString());
        assertEquals(List.of("kbench: wrote report.html (1 workload, 4 kernel results from 2 files)",
                "kbench: wrote report.md (the tables in Markdown)", "kbench: wrote "
                + tmp.resolve("report-eventfd-runs.png"), "kbench: wrote " + tmp.resolve("report-eventfd-overhead.png")), lines);
        Path page = tmp.resolve("report.html");
        String written = Files.readString(page);

        // the page as written: what the browser made of it, and its console
        Browser run = browse(chromium, page, "--dump-dom");
        List<String> console = run.consoleLines();
        assertEquals(List.of(), console, "console messages while loading the report");
        String dom = run.stdout();
        List<List<String>> table = table(dom, "comparison");
        assertEquals(List.of("stock @ a.json", "caponly @ a.json", "stock @ b.json", "caponly @ b.json"),
                table.subList(1, table.size()).stream().map(r -> r.get(0)).toList());
        assertEquals(table(written, "comparison"), table, "the browser shows the table as written, cell for cell");
        assertEquals(table(written, "overhead"), table(dom, "overhead"));
        assertEquals(4, table(dom, "overhead").size());
        Matcher img = Pattern.compile("<img [^>]*src=\"([^\"]*)\"").matcher(dom);
        int images = 0;
        for (; img.find(); images++) {
            assertTrue(img.group(1).matches("data:image/png;base64,[A-Za-z0-9+/=]{1000,}"), "an embedded PNG: " + img.group(1).substring(0, 40));
        }
        assertEquals(2, images, "the box plot and the overhead chart");

        // the same page with a probe script: the images decoded to their full size, nothing failed
        Path probed = tmp.resolve("probed.html");
        Files.writeString(probed, written.replace("<head>\n", "<head>\n" + PROBE));
        String probe = between(browse(chromium, probed, "--dump-dom").stdout(), "<pre id=\"kbench-probe\">", "</pre>");
        assertEquals("images: true 2000x1200, true 2000x1200\nerrors: ", probe, "plots drawn at twice their shown size");

        // the header says what was compared and how, from the setup beside a.json; b.json alone says what it lacks
        Map<String, List<String>> setup = new LinkedHashMap<>();
        for (List<String> row : table(dom, "setup")) {
            setup.put(row.get(0), row.subList(1, row.size()));
        }
        assertEquals(List.of("a.json", "b.json"), setup.get(""));
        assertEquals(List.of("stock = default; caponly = default lsm=capability", "stock, caponly"), setup.get("kernels"));
        assertEquals(List.of("tcg", "auto (as asked; what it resolved to is not recorded)"), setup.get("accelerator"));
        assertEquals(List.of("2 rounds × 2 runs, after 1 warm-up runs each", "2 rounds × 2 runs, after 1 warm-up runs each"), setup.get("rounds × runs"));
        assertEquals("balanced, seed 265341787 (--order balanced --seed 265341787 repeats it)", setup.get("order").get(0));
        assertTrue(setup.get("QEMU").get(0).startsWith("QEMU emulator version 7.2"), setup.toString());
        assertEquals("2026-11-27T11:00:00Z", setup.get("date").get(0));
        assertEquals(List.of("eventfd: us CPU/1000000 ops"), setup.get("unit"), "the unit, from the first file with the workload");
        assertEquals("mean (µs CPU/op)", table.get(0).get(3), "the table's values are per operation, in a unit that reads");
        assertTrue(table.get(1).get(3).matches("1\\.\\d\\d"), "1.21 µs CPU/op, not 1206738.8: " + table.get(1));

        // every link of the contents leads to a section of the page
        String contents = between(dom, "<nav class=\"contents\" id=\"contents\">", "</nav>");
        Matcher link = Pattern.compile("href=\"#([^\"]+)\"").matcher(contents);
        List<String> targets = new ArrayList<>();
        while (link.find()) {
            targets.add(link.group(1));
            assertTrue(dom.contains(" id=\"" + link.group(1) + "\""), "the contents link to #" + link.group(1) + " leads nowhere");
        }
        assertEquals(List.of("setup", "eventfd"), targets);

        // no run is cut off: the run plot's value axis spans every run of every kernel
        Matcher figure = Pattern.compile("<figure data-high=\"([^\"]+)\" data-low=\"([^\"]+)\"").matcher(dom);
        assertTrue(figure.find(), "the run plot says its axis range");
        double high = Double.parseDouble(figure.group(1));
        double low = Double.parseDouble(figure.group(2));
        for (dev.kbench.results.KernelRounds kernel : dev.kbench.results.JmhResults.workloads(List.of(tmp.resolve("a.json"), tmp.resolve("b.json")))
                .get(0).kernels()) {
            kernel.rounds().forEach(round -> round.forEach(v -> assertTrue(v >= low && v <= high, kernel.kernel() + "'s run " + v
                    + " is outside the plotted " + low + " to " + high)));
        }

        // the console check sees errors: a page that throws shows up in it
        Path broken = Files.writeString(tmp.resolve("broken.html"), "<!DOCTYPE html><p>x</p><script>throw new Error('kbench-canary')</script>");
        assertTrue(browse(chromium, broken, "--dump-dom").consoleLines().stream().anyMatch(l -> l.contains("kbench-canary")),
                "the console check would not have seen an error");

        // and it paints: the screenshot holds the overhead chart's bars
        Path shot = tmp.resolve("screenshot.png");
        browse(chromium, page, "--screenshot=" + shot, "--window-size=1100,3000", "--hide-scrollbars");
        BufferedImage image = ImageIO.read(shot.toFile());
        assertEquals(1100, image.getWidth());
        assertEquals(3000, image.getHeight());
        assertTrue(pixels(image, 0x4C72B0) > 5000, "the overhead bars are on the screen");
        assertTrue(pixels(image, 0xFFFFFF) < image.getWidth() * image.getHeight() * 0.95, "more than a blank page");
        Files.createDirectories(KEEP);
        Files.copy(shot, KEEP.resolve("screenshot.png"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(page, KEEP.resolve("report.html"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void aSuitesOverviewRendersWithItsHeatMap() throws Exception {
        String chromium = chromium();
        Files.copy(resource("jmh-suite.json"), tmp.resolve("suite.json"));
        List<String> lines = new ArrayList<>();
        assertEquals(0, KbenchProcess.run(tmp, lines, "report", "suite.json", "-o", "suite.html"), lines.toString());
        String written = Files.readString(tmp.resolve("suite.html"));
        Browser run = browse(chromium, tmp.resolve("suite.html"), "--dump-dom");
        assertEquals(List.of(), run.consoleLines(), "console messages while loading the report");
        List<List<String>> overview = table(run.stdout(), "overview");
        assertEquals(table(written, "overview"), overview, "the browser shows the overview as written");
        assertEquals(List.of(List.of("workload", "baseline CV", "stack"), List.of("getppid", "31.8%", "-6.6% inconclusive"),
                List.of("eventfd", "0.16%", "+17.6% inconclusive")), overview, "every cell says its verdict, every row how steady its baseline was");
        Matcher img = Pattern.compile("<img [^>]*src=\"data:image/png;base64,").matcher(run.stdout());
        int images = 0;
        while (img.find()) {
            images++;
        }
        assertEquals(5, images, "the overview heat map, then a box plot and an overhead chart per workload");
    }

    private static Path resource(String name) throws Exception {
        return Path.of(ReportBrowserIT.class.getResource("/results/" + name).toURI());
    }

    private static String chromium() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "chromium");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return fail("chromium not found: install Debian's (apt-get install chromium); ./kbench test does it when run as root");
    }

    /** What one headless Chromium run printed: the page (for --dump-dom) and its log. */
    private record Browser(String stdout, String stderr) {
        /** The page's console messages; Chromium logs them as {@code [...:INFO:CONSOLE:LINE] "message", source: ...}. */
        List<String> consoleLines() {
            return stderr.lines().filter(l -> l.contains(":CONSOLE")).toList();
        }
    }

    private Browser browse(String chromium, Path page, String... what) throws IOException {
        Path profile = Files.createTempDirectory(tmp, "profile");
        List<String> command = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--host-resolver-rules=MAP * ~NOTFOUND", "--enable-logging=stderr", "--v=0"));
        command.addAll(List.of(what));
        command.add(page.toUri().toString());
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        try {
            ProcessResult result = new ProcessExecutor(command).directory(tmp.toFile()).readOutput(true).redirectError(stderr)
                    .timeout(60, TimeUnit.SECONDS).destroyOnExit().execute();
            String err = stderr.toString(StandardCharsets.UTF_8);
            assertEquals(0, result.getExitValue(), "chromium failed:\n" + err);
            return new Browser(result.outputUTF8(), err);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException("chromium did not finish in 60 s: " + command, e);
        }
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        assertTrue(from >= 0, "no " + start + " in:\n" + text);
        return text.substring(from + start.length(), text.indexOf(end, from));
    }

    private static long pixels(BufferedImage image, int rgb) {
        long n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }

    /** The cells of the table with this class, header first, as text. */
    private static List<List<String>> table(String html, String kind) {
        List<List<String>> rows = new ArrayList<>();
        Matcher row = Pattern.compile("<tr[^>]*>(.*?)</tr>", Pattern.DOTALL).matcher(between(html, "<table class=\"" + kind + "\">", "</table>"));
        while (row.find()) {
            List<String> cells = new ArrayList<>();
            Matcher cell = Pattern.compile("<t[hd][^>]*>(.*?)</t[hd]>", Pattern.DOTALL).matcher(row.group(1));
            while (cell.find()) {
                cells.add(cell.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                        .replace("&nbsp;", "\u00a0").replace("&amp;", "&"));
            }
            rows.add(cells);
        }
        return rows;
    }
}
