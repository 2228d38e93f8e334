package dev.kbench.report;

import dev.kbench.results.Effect;
import dev.kbench.results.OverheadMatrix;
import dev.kbench.results.format.CriteriaText;
import dev.kbench.results.format.OverheadCells;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * The overhead matrix as a heat map: a row per workload, a column per kernel, red where the
 * kernel is slower than the baseline and blue where faster, deeper with the size of the
 * difference; cells whose verdict is slower or faster (significant after correction, the 95%
 * interval beyond the threshold) are bold, starred and fully coloured, the others pale, so that
 * noise does not look like a finding. JFreeChart has no categorical heat
 * map with text in the cells, so this draws the grid itself.
 */
public final class OverheadMatrixPlot {

    private static final int CELL_WIDTH = 120;
    private static final int CELL_HEIGHT = 26;
    private static final int MARGIN = 16;
    private static final Color SLOWER = new Color(0xD6, 0x27, 0x28);
    private static final Color FASTER = new Color(0x1F, 0x77, 0xB4);

    private OverheadMatrixPlot() {
    }

    public static Path write(OverheadMatrix matrix, Path png) throws IOException {
        Font plain = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
        Font bold = plain.deriveFont(Font.BOLD);
        Font title = new Font(Font.SANS_SERIF, Font.BOLD, 15);
        String heading = "Overhead against " + matrix.commonBaseline().orElse("each workload's baseline") + ", % (bold *: slower or faster;"
                + " =: the same, within ±" + CriteriaText.threshold(matrix.criteria()) + ")";
        Graphics2D measure = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        FontMetrics metrics = measure.getFontMetrics(plain);
        int labelWidth = matrix.rows().stream().mapToInt(r -> metrics.stringWidth(r.workload())).max().orElse(80) + 2 * MARGIN;
        int top = 3 * MARGIN + 2 * CELL_HEIGHT;
        int width = Math.max(labelWidth + CELL_WIDTH * Math.max(1, matrix.kernels().size()) + MARGIN,
                measure.getFontMetrics(title).stringWidth(heading) + 2 * MARGIN);
        measure.dispose();
        int height = top + CELL_HEIGHT * matrix.rows().size() + 2 * MARGIN;
        double scale = Math.max(10, matrix.rows().stream().flatMap(r -> r.cells().values().stream())
                .filter(e -> e.verdict().differs()).mapToDouble(e -> Math.abs(e.overhead().percent())).max().orElse(10));

        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(title);
        g.drawString(heading, MARGIN, MARGIN + 14);
        g.setFont(bold);
        for (int c = 0; c < matrix.kernels().size(); c++) {
            centred(g, fit(g, matrix.kernels().get(c)), labelWidth + c * CELL_WIDTH, top - CELL_HEIGHT / 2);
        }
        for (int r = 0; r < matrix.rows().size(); r++) {
            OverheadMatrix.Row row = matrix.rows().get(r);
            int y = top + r * CELL_HEIGHT;
            g.setFont(plain);
            g.setColor(Color.BLACK);
            g.drawString(row.workload(), MARGIN, y + CELL_HEIGHT / 2 + 5);
            for (int c = 0; c < matrix.kernels().size(); c++) {
                int x = labelWidth + c * CELL_WIDTH;
                Optional<Effect> cell = row.cell(matrix.kernels().get(c));
                g.setColor(cell.map(o -> shade(o, scale)).orElse(new Color(0xF3, 0xF3, 0xF3)));
                g.fillRect(x, y, CELL_WIDTH, CELL_HEIGHT);
                g.setColor(Color.WHITE);
                g.drawRect(x, y, CELL_WIDTH, CELL_HEIGHT);
                if (cell.isPresent()) {
                    boolean differs = cell.get().verdict().differs();
                    g.setFont(differs ? bold : plain);
                    g.setColor(differs ? Color.BLACK : Color.DARK_GRAY);
                    centred(g, OverheadCells.matrixCell(cell.get()), x, y + CELL_HEIGHT / 2);
                }
            }
        }
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
        return png;
    }

    /** White at 0 (or when undefined), the full colour at {@code scale} percent and beyond; pale unless slower or faster. */
    private static Color shade(Effect effect, double scale) {
        double percent = Double.isNaN(effect.overhead().percent()) ? 0 : effect.overhead().percent();
        Color full = percent >= 0 ? SLOWER : FASTER;
        double strength = Math.min(1, Math.abs(percent) / scale) * (effect.verdict().differs() ? 0.85 : 0.25);
        return new Color(mix(full.getRed(), strength), mix(full.getGreen(), strength), mix(full.getBlue(), strength));
    }

    private static int mix(int channel, double strength) {
        return (int) Math.round(255 + (channel - 255) * strength);
    }

    private static void centred(Graphics2D g, String text, int cellX, int middleY) {
        FontMetrics m = g.getFontMetrics();
        g.drawString(text, cellX + (CELL_WIDTH - m.stringWidth(text)) / 2, middleY + (m.getAscent() - m.getDescent()) / 2);
    }

    /** A column heading cut to the cell's width, with an ellipsis: the full names are in the table below the plot. */
    private static String fit(Graphics2D g, String text) {
        FontMetrics m = g.getFontMetrics();
        if (m.stringWidth(text) <= CELL_WIDTH - 6) {
            return text;
        }
        String cut = text;
        while (!cut.isEmpty() && m.stringWidth(cut + "…") > CELL_WIDTH - 6) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "…";
    }
}
