package org.nmt4j.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttentionHeatmapTest {
    @TempDir Path tmp;

    @Test
    void heatmap_isAPngWithOneDarkCellPerTargetPiece_whereItsAttentionIs() throws IOException {
        AttentionMap map =
                new AttentionMap(
                        List.of("▁我", "喜欢", "😀", "</s>"),
                        List.of("▁I", "▁like", "</s>"),
                        new float[][] {
                            {1f, 0f, 0f, 0f},
                            {0f, 1f, 0f, 0f},
                            {0f, 0f, 0f, 1f}
                        });
        Path png = tmp.resolve("maps/line-000001.png");
        AttentionHeatmap.write(map, "line 1", png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertTrue(image.getWidth() > 4 * 10 && image.getHeight() > 3 * 10);
        int dark = 0;
        int white = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                Color c = new Color(image.getRGB(x, y));
                dark += c.getRed() < 20 && c.getBlue() > 90 && c.getBlue() < 120 ? 1 : 0;
                white += c.getRGB() == Color.WHITE.getRGB() ? 1 : 0;
            }
        }
        int cell = dark / 3;
        assertTrue(
                cell >= 100, "three fully attended cells drawn dark blue, got " + dark + " pixels");
        assertTrue(white > dark, "the other cells are white");
        try (var files = Files.list(png.getParent())) {
            assertEquals(List.of(png), files.toList(), "no temporary file left");
        }
    }
}
