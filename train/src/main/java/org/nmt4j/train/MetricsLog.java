package org.nmt4j.train;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.nmt4j.text.io.AtomicFiles;
import org.nmt4j.train.checkpoint.TrainingState;

/**
 * Writes {@code metrics.jsonl}: one JSON object per line (see {@link MetricsRecord}), appended and
 * flushed as training goes. On resume, lines after the checkpoint's step (written by the
 * interrupted process after its last checkpoint) are dropped first, so the file describes the run
 * that continues; wall time continues from the last kept line. Keeps every line in memory for
 * {@link Curves}.
 */
public final class MetricsLog implements TrainingListener, AutoCloseable {
    private static final ObjectMapper JSON =
            JsonMapper.builder()
                    .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .build();

    private final Path file;
    private final List<MetricsRecord> history = new ArrayList<>();
    private final double wallOffset;
    private final long startNanos = System.nanoTime();
    private final BufferedWriter out;
    private int batchesInEpoch = 1;

    /**
     * Opens the file for appending, keeping only the lines up to a step.
     *
     * @param file {@code RUN_DIR/metrics.jsonl}
     * @param upToStep the step the run starts from (0 for a new run: the file is started anew)
     * @throws IOException when the file cannot be read or written
     */
    public MetricsLog(Path file, long upToStep) throws IOException {
        this.file = file;
        if (upToStep > 0 && Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    MetricsRecord r = JSON.readValue(line, MetricsRecord.class);
                    if (r.step() <= upToStep) {
                        history.add(r);
                    }
                }
            }
        }
        wallOffset = history.isEmpty() ? 0 : history.get(history.size() - 1).wallS();
        rewrite();
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /** Replaces the file with the kept lines, atomically. */
    private void rewrite() throws IOException {
        AtomicFiles.write(
                file,
                tmp -> {
                    try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                        for (MetricsRecord r : history) {
                            w.write(JSON.writeValueAsString(r));
                            w.write('\n');
                        }
                    }
                });
    }

    /**
     * Returns every line of the run so far.
     *
     * @return the records, oldest first
     */
    public List<MetricsRecord> history() {
        return List.copyOf(history);
    }

    /**
     * Reads a metrics file.
     *
     * @param file the file
     * @return its records
     * @throws IOException when it cannot be read or parsed
     */
    public static List<MetricsRecord> read(Path file) throws IOException {
        List<MetricsRecord> records = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                records.add(JSON.readValue(line, MetricsRecord.class));
            }
        }
        return records;
    }

    @Override
    public void started(TrainingState state, int batches) {
        batchesInEpoch = Math.max(1, batches);
    }

    @Override
    public void epochStarted(int epoch, int batches) {
        batchesInEpoch = Math.max(1, batches);
    }

    @Override
    public void interval(IntervalReport r) {
        append(
                new MetricsRecord(
                        MetricsRecord.TRAIN,
                        r.step(),
                        round(r.epoch() + r.epochProgress()),
                        r.loss(),
                        r.learningRate(),
                        round(r.tokensPerSecond()),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        wall(),
                        round(r.trainingSeconds())));
    }

    @Override
    public void validated(TrainingState s, ValidationResult r, boolean improved) {
        append(
                new MetricsRecord(
                        MetricsRecord.VALIDATION,
                        s.step(),
                        round(s.epoch() + (double) s.batchInEpoch() / batchesInEpoch),
                        null,
                        null,
                        null,
                        r.loss(),
                        r.nll(),
                        r.perplexity(),
                        r.bleu().score(),
                        r.chrf().score(),
                        improved,
                        wall(),
                        round(s.trainingSeconds())));
    }

    private double wall() {
        return round(wallOffset + (System.nanoTime() - startNanos) / 1e9);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private void append(MetricsRecord r) {
        history.add(r);
        try {
            out.write(JSON.writeValueAsString(r));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
