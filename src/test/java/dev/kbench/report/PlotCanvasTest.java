package dev.kbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlotCanvasTest {

    @Test
    void ticksAreRoundAndInsideTheRange() {
        assertEquals(List.of(800.0, 1000.0, 1200.0, 1400.0), PlotCanvas.ticks(740, 1430, 4));
        assertEquals(List.of(0.0, 0.5, 1.0), PlotCanvas.ticks(-0.1, 1.2, 3));
        assertEquals(List.of(5.0), PlotCanvas.ticks(5, 5, 6), "no range: one tick at the value");
    }

    @Test
    void labelsTooLongForTheirColumnAreLetteredWithALegend() {
        FontMetrics metrics = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics()
                .getFontMetrics(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        List<String> labels = List.of("stock", "caponly @ monday/a-very-long-folder/lsm-perf.json", "caponly");
        List<String> shown = PlotCanvas.fitOrLetter(labels, metrics, 120);
        assertEquals(List.of("stock", "B", "caponly"), shown);
        assertEquals(List.of("B = caponly @ monday/a-very-long-folder/lsm-perf.json"), PlotCanvas.legend(labels, shown));
    }
}
