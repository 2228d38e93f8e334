package dev.kbench.report;

import dev.kbench.results.Effect;
import dev.kbench.results.Measure;
import dev.kbench.results.Numbers;
import dev.kbench.results.OverheadMatrix;
import dev.kbench.results.Verdict;
import dev.kbench.results.format.CriteriaText;
import dev.kbench.results.format.OverheadCells;
import dev.kbench.results.format.VerdictWords;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * The overhead matrix as a heat map: a row per workload, a column per kernel, red where the
 * kernel is slower than the baseline and blue where faster, deeper with the size of the
 * difference, with a colour key; every cell says its verdict in words, and cells whose verdict is
 * slower or faster (significant after the correction, the 95% interval beyond the threshold) are
 * bold and fully coloured, the others pale, so that noise does not look like a finding. Drawn at
 * twice its size. JFreeChart has no categorical heat
 * map with text in the cells, so this draws the grid itself.
 */
public final class OverheadMatrixPlot {

    private static final int CELL_WIDTH = 124;
    private static final int CELL_HEIGHT = 40;
    private static final int MARGIN = 16;
    private static final int KEY_HEIGHT = 64;
    private static final int SCALE = 2;
    private static final Color SLOWER = new Color(0xD6, 0x27, 0x28);
    private static final Color FASTER = new Color(0x1F, 0x77, 0xB4);

    private OverheadMatrixPlot() {
    }

    public static Path write(OverheadMatrix matrix, Path png) throws IOException {
        Font plain = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
        Font bold = plain.deriveFont(Font.BOLD);
        Font small = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        Font title = new Font(Font.SANS_SERIF, Font.BOLD, 16);
        // a cell has room for the verdict's word only: under icount the heading and the rule say what it is of
        boolean instructions = matrix.measure() == Measure.INSTRUCTIONS;
        String heading = "Overhead against " + matrix.commonBaseline().orElse("each workload's baseline")
                + (instructions ? ", % of guest instructions (icount, not time) and verdict" : ", % and verdict");
        String rule = "verdicts: " + CriteriaText.significance(matrix.criteria()) + ", 95% CI beyond ±" + CriteriaText.threshold(matrix.criteria())
                + " (" + VerdictWords.of(Verdict.SLOWER, matrix.measure()) + ", " + VerdictWords.of(Verdict.FASTER, matrix.measure())
                + "); within it: " + VerdictWords.of(Verdict.SAME, matrix.measure());
        Graphics2D measure = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        FontMetrics metrics = measure.getFontMetrics(plain);
        int labelWidth = Math.max(matrix.rows().stream().mapToInt(r -> metrics.stringWidth(r.workload())).max().orElse(80),
                measure.getFontMetrics(small).stringWidth("baseline CV 00.00%")) + 2 * MARGIN;
        int top = 4 * MARGIN + CELL_HEIGHT;
        List<String> kernels = matrix.kernels();
        List<String> shown = PlotCanvas.fitOrLetter(kernels, measure.getFontMetrics(bold), CELL_WIDTH - 6);
        List<String> legend = PlotCanvas.legend(kernels, shown);
        int width = Math.max(labelWidth + CELL_WIDTH * Math.max(1, kernels.size()) + MARGIN,
                Math.max(measure.getFontMetrics(title).stringWidth(heading), measure.getFontMetrics(small).stringWidth(rule)) + 2 * MARGIN);
        width = Math.max(width, 520);
        measure.dispose();
        int gridBottom = top + CELL_HEIGHT * matrix.rows().size();
        int height = gridBottom + MARGIN + KEY_HEIGHT + 18 * legend.size() + MARGIN;
        double scale = Math.max(10, matrix.rows().stream().flatMap(r -> r.cells().values().stream())
                .filter(e -> e.verdict().differs()).mapToDouble(e -> Math.abs(e.overhead().percent())).max().orElse(10));

        BufferedImage image = new BufferedImage(width * SCALE, height * SCALE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = PlotCanvas.start(image, SCALE);
        g.setColor(Color.BLACK);
        g.setFont(title);
        g.drawString(heading, MARGIN, MARGIN + 14);
        g.setFont(small);
        g.setColor(Color.DARK_GRAY);
        g.drawString(rule, MARGIN, MARGIN + 34);
        g.setFont(bold);
        g.setColor(Color.BLACK);
        for (int c = 0; c < kernels.size(); c++) {
            centred(g, shown.get(c), labelWidth + c * CELL_WIDTH, top - CELL_HEIGHT / 2);
        }
        for (int r = 0; r < matrix.rows().size(); r++) {
            OverheadMatrix.Row row = matrix.rows().get(r);
            int y = top + r * CELL_HEIGHT;
            g.setFont(plain);
            g.setColor(Color.BLACK);
            g.drawString(row.workload(), MARGIN, y + CELL_HEIGHT / 2 - 3);
            // the row is against its baseline: how steady that was, in red when it is beyond the threshold
            boolean unsteady = row.baselineCv() * 100 > matrix.criteria().thresholdPercent();
            g.setFont(small);
            g.setColor(unsteady ? SLOWER.darker() : Color.GRAY);
            g.drawString("baseline CV " + baselineCv(row), MARGIN, y + CELL_HEIGHT / 2 + 13);
            for (int c = 0; c < kernels.size(); c++) {
                int x = labelWidth + c * CELL_WIDTH;
                Optional<Effect> cell = row.cell(kernels.get(c));
                g.setColor(cell.map(o -> shade(o, scale)).orElse(new Color(0xF3, 0xF3, 0xF3)));
                g.fillRect(x, y, CELL_WIDTH, CELL_HEIGHT);
                g.setColor(Color.WHITE);
                g.drawRect(x, y, CELL_WIDTH, CELL_HEIGHT);
                if (cell.isPresent()) {
                    boolean differs = cell.get().verdict().differs();
                    g.setFont(differs ? bold : plain);
                    g.setColor(differs ? Color.BLACK : Color.DARK_GRAY);
                    centred(g, OverheadCells.matrixPercent(cell.get()), x, y + CELL_HEIGHT / 2 - 8);
                    g.setFont(small);
                    centred(g, cell.get().verdict().word(), x, y + CELL_HEIGHT / 2 + 10);
                }
            }
        }
        key(g, scale, MARGIN, gridBottom + MARGIN, small, instructions ? " " + VerdictWords.INSTRUCTIONS : "");
        g.setFont(small);
        g.setColor(Color.BLACK);
        for (int i = 0; i < legend.size(); i++) {
            g.drawString(legend.get(i), MARGIN, gridBottom + MARGIN + KEY_HEIGHT + 14 + 18 * i);
        }
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
        return png;
    }

    /** The CV of a row's baseline's round means, in percent, to two significant digits. */
    static String baselineCv(OverheadMatrix.Row row) {
        return Double.isNaN(row.baselineCv()) ? "n/a" : Numbers.percent(row.baselineCv() * 100, 1).replace("+", "");
    }

    /** The colour key: faster to slower from -scale to +scale, in full for a verdict, pale for the rest. */
    private static void key(Graphics2D g, double scale, int x, int y, Font font, String of) {
        int steps = 40;
        int stepWidth = 8;
        g.setFont(font);
        for (int pale = 0; pale < 2; pale++) {
            int rowY = y + pale * 18;
            for (int i = 0; i < steps; i++) {
                double percent = -scale + 2 * scale * (i + 0.5) / steps;
                g.setColor(shade(percent, scale, pale == 0));
                g.fillRect(x + i * stepWidth, rowY, stepWidth, 14);
            }
            g.setColor(Color.DARK_GRAY);
            g.drawString(pale == 0 ? "slower or faster" + of + " (verdict)" : "same" + of + " or inconclusive", x + steps * stepWidth + 10, rowY + 12);
        }
        g.setColor(Color.BLACK);
        int labelY = y + 2 * 18 + 12;
        String left = Numbers.percent(-scale, 0) + " or less";
        String right = Numbers.percent(scale, 0) + " or more";
        g.drawString(left, x, labelY);
        g.drawString("0", x + steps * stepWidth / 2 - 3, labelY);
        g.drawString(right, x + steps * stepWidth - g.getFontMetrics().stringWidth(right), labelY);
    }

    /** White at 0 (or when undefined), the full colour at {@code scale} percent and beyond; pale unless slower or faster. */
    private static Color shade(Effect effect, double scale) {
        return shade(Double.isNaN(effect.overhead().percent()) ? 0 : effect.overhead().percent(), scale, effect.verdict().differs());
    }

    private static Color shade(double percent, double scale, boolean differs) {
        Color full = percent >= 0 ? SLOWER : FASTER;
        double strength = Math.min(1, Math.abs(percent) / scale) * (differs ? 0.85 : 0.25);
        return new Color(mix(full.getRed(), strength), mix(full.getGreen(), strength), mix(full.getBlue(), strength));
    }

    private static int mix(int channel, double strength) {
        return (int) Math.round(255 + (channel - 255) * strength);
    }

    private static void centred(Graphics2D g, String text, int cellX, int middleY) {
        FontMetrics m = g.getFontMetrics();
        g.drawString(text, cellX + (CELL_WIDTH - m.stringWidth(text)) / 2, middleY + (m.getAscent() - m.getDescent()) / 2);
    }
}
