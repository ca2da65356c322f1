package org.nmt4j.translate;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.nmt4j.text.io.AtomicFiles;

/**
 * Draws an {@link AttentionMap} as a PNG heatmap with plain Java2D: source pieces along the top
 * (one column each, labels turned 90°), target pieces down the left (one row each), each cell
 * shaded from white (0) to dark blue (1) by the attention weight. Runs headless.
 */
public final class AttentionHeatmap {
    private static final int MAX_CELL = 28;
    private static final int MIN_CELL = 10;
    private static final int MAX_SIDE = 4000;
    private static final int PAD = 12;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private AttentionHeatmap() {}

    /**
     * Writes the heatmap (to a temporary file renamed into place).
     *
     * @param map the attention
     * @param title a caption drawn above, e.g. the input line number
     * @param png the file to write
     * @throws IOException if the file cannot be written
     */
    public static void write(AttentionMap map, String title, Path png) throws IOException {
        BufferedImage image = draw(map, title);
        AtomicFiles.write(
                png,
                temp -> {
                    if (!ImageIO.write(image, "png", temp.toFile())) {
                        throw new IOException("no PNG writer available");
                    }
                });
    }

    /**
     * Draws the heatmap.
     *
     * @param map the attention
     * @param title a caption drawn above
     * @return the image
     */
    static BufferedImage draw(AttentionMap map, String title) {
        List<String> src = map.sourcePieces();
        List<String> tgt = map.targetPieces();
        int cells = Math.max(src.size(), tgt.size());
        int cell = Math.max(MIN_CELL, Math.min(MAX_CELL, MAX_SIDE / Math.max(1, cells)));
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(9, cell / 2 + 2));
        FontMetrics fm = metrics(font);
        int left = PAD + widest(fm, tgt) + PAD;
        int top = PAD + fm.getHeight() + PAD + widest(fm, src) + PAD;
        int width = Math.max(left + src.size() * cell + PAD, PAD * 2 + fm.stringWidth(title));
        int height = top + Math.max(1, tgt.size()) * cell + PAD;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(
                    RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setFont(font);
            g.setColor(Color.BLACK);
            g.drawString(title, PAD, PAD + fm.getAscent());
            drawCells(g, map.weights(), left, top, cell);
            drawLabels(g, fm, src, tgt, left, top, cell);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void drawCells(Graphics2D g, float[][] weights, int left, int top, int cell) {
        for (int t = 0; t < weights.length; t++) {
            for (int s = 0; s < weights[t].length; s++) {
                g.setColor(shade(weights[t][s]));
                g.fillRect(left + s * cell, top + t * cell, cell, cell);
            }
        }
        g.setColor(Color.LIGHT_GRAY);
        int cols = weights.length == 0 ? 0 : weights[0].length;
        g.drawRect(left, top, cols * cell, weights.length * cell);
    }

    private static void drawLabels(
            Graphics2D g,
            FontMetrics fm,
            List<String> src,
            List<String> tgt,
            int left,
            int top,
            int cell) {
        g.setColor(Color.BLACK);
        int baseline = (cell + fm.getAscent() - fm.getDescent()) / 2;
        for (int t = 0; t < tgt.size(); t++) {
            String label = tgt.get(t);
            g.drawString(label, left - PAD / 2 - fm.stringWidth(label), top + t * cell + baseline);
        }
        AffineTransform saved = g.getTransform();
        for (int s = 0; s < src.size(); s++) {
            String label = src.get(s);
            int x = left + s * cell + baseline;
            int y = top - PAD / 2;
            g.translate(x, y);
            g.rotate(-Math.PI / 2);
            g.drawString(label, 0, 0);
            g.setTransform(saved);
        }
    }

    /** White (0) to dark blue (1). */
    private static Color shade(float weight) {
        float w = Math.max(0f, Math.min(1f, weight));
        int r = Math.round(255 - w * (255 - 8));
        int gr = Math.round(255 - w * (255 - 48));
        int b = Math.round(255 - w * (255 - 107));
        return new Color(r, gr, b);
    }

    private static FontMetrics metrics(Font font) {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        try {
            return g.getFontMetrics(font);
        } finally {
            g.dispose();
        }
    }

    private static int widest(FontMetrics fm, List<String> labels) {
        int w = 0;
        for (String s : labels) {
            w = Math.max(w, fm.stringWidth(s));
        }
        return w;
    }
}
