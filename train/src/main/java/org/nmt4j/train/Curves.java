package org.nmt4j.train;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nmt4j.text.io.AtomicFiles;
import org.nmt4j.train.checkpoint.TrainingState;

/**
 * Draws {@code curves.png}: training loss and dev loss (left axis) and dev BLEU (right axis)
 * against optimiser steps, from the lines of {@link MetricsLog}. Redrawn after each validation;
 * written to a temporary file and renamed, so a reader never sees half an image.
 */
public final class Curves implements TrainingListener {
    private final Path file;
    private final MetricsLog metrics;

    /**
     * Creates the listener.
     *
     * @param file {@code RUN_DIR/curves.png}
     * @param metrics the metrics whose history is drawn (listening before this one)
     */
    public Curves(Path file, MetricsLog metrics) {
        this.file = file;
        this.metrics = metrics;
    }

    @Override
    public void validated(TrainingState state, ValidationResult result, boolean improved) {
        draw(metrics.history(), file);
    }

    /**
     * Draws the curves of some metrics into a PNG file.
     *
     * @param records the metrics, oldest first
     * @param png the file to write (replaced atomically)
     * @throws UncheckedIOException when it cannot be written
     */
    public static void draw(List<MetricsRecord> records, Path png) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        XYChart chart = chart(records);
        try {
            AtomicFiles.write(
                    png,
                    tmp -> {
                        try (OutputStream out = Files.newOutputStream(tmp)) {
                            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png + ": " + e.getMessage(), e);
        }
    }

    private static XYChart chart(List<MetricsRecord> records) {
        XYChart chart =
                new XYChartBuilder()
                        .width(960)
                        .height(540)
                        .title("training curves")
                        .xAxisTitle("step")
                        .yAxisTitle("loss per target token")
                        .build();
        Styler styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        chart.setYAxisGroupTitle(1, "dev BLEU");
        List<Double> trainX = new ArrayList<>();
        List<Double> trainY = new ArrayList<>();
        List<Double> devX = new ArrayList<>();
        List<Double> devLoss = new ArrayList<>();
        List<Double> devBleu = new ArrayList<>();
        for (MetricsRecord r : records) {
            if (MetricsRecord.TRAIN.equals(r.event()) && r.loss() != null) {
                trainX.add((double) r.step());
                trainY.add(r.loss());
            } else if (MetricsRecord.VALIDATION.equals(r.event()) && r.devBleu() != null) {
                devX.add((double) r.step());
                devLoss.add(r.devLoss());
                devBleu.add(r.devBleu());
            }
        }
        series(chart, "training loss", trainX, trainY, 0, Color.BLUE);
        series(chart, "dev loss", devX, devLoss, 0, Color.ORANGE.darker());
        series(chart, "dev BLEU", devX, devBleu, 1, Color.GREEN.darker());
        if (chart.getSeriesMap().isEmpty()) {
            series(chart, "no data yet", List.of(0.0), List.of(0.0), 0, Color.GRAY);
        }
        return chart;
    }

    private static void series(
            XYChart chart, String name, List<Double> x, List<Double> y, int axis, Color color) {
        if (x.isEmpty()) {
            return;
        }
        XYSeries s = chart.addSeries(name, x, y);
        s.setYAxisGroup(axis);
        s.setLineColor(color);
        s.setMarkerColor(color);
        s.setMarker(x.size() > 50 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
    }
}
