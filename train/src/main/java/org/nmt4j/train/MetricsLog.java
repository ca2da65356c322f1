package org.nmt4j.train;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.nmt4j.text.io.AtomicFiles;
import org.nmt4j.train.checkpoint.TrainingState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@code metrics.jsonl}: one JSON object per line (see {@link MetricsRecord}), appended and
 * flushed as training goes; the file is never rewritten. On resume from the checkpoint of step N,
 * the lines after step N (written by the interrupted process after its last checkpoint, a torn last
 * line included) are first copied, byte for byte, into {@code metrics.after-step-N.jsonl} ({@code
 * metrics.after-step-N.2.jsonl} and so on when that exists), which is forced to disk, and only then
 * cut from the end of {@code metrics.jsonl}, so that the file describes the run that continues and
 * no line is lost; a warning says how many lines went where. Wall time continues from the last kept
 * line. Keeps every line in memory for {@link Curves}.
 */
public final class MetricsLog implements TrainingListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsLog.class);
    private static final ObjectMapper JSON =
            JsonMapper.builder()
                    .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .build();
    private static final Pattern SET_ASIDE =
            Pattern.compile("metrics\\.after-step-(\\d+)(\\.\\d+)?\\.jsonl");

    private final Path file;
    private final List<MetricsRecord> history = new ArrayList<>();
    private final double wallOffset;
    private final long startNanos = System.nanoTime();
    private final BufferedWriter out;
    private int batchesInEpoch = 1;

    /**
     * Opens the file for appending, after moving the lines after a step aside.
     *
     * @param file {@code RUN_DIR/metrics.jsonl}
     * @param upToStep the step the run starts from (0 for a new run)
     * @throws IOException when the file cannot be read or written
     */
    public MetricsLog(Path file, long upToStep) throws IOException {
        this.file = file;
        if (Files.exists(file)) {
            keepUpTo(upToStep);
        }
        wallOffset = history.isEmpty() ? 0 : history.get(history.size() - 1).wallS();
        out =
                Files.newBufferedWriter(
                        file,
                        StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND);
    }

    /**
     * Whether a file name is that of lines set aside on a resume.
     *
     * @param name a file name in the run directory
     * @return true for {@code metrics.after-step-N.jsonl} and {@code metrics.after-step-N.K.jsonl}
     */
    public static boolean isSetAside(String name) {
        return SET_ASIDE.matcher(name).matches();
    }

    /** Reads the complete lines up to {@code upToStep} into the history; moves the rest aside. */
    private void keepUpTo(long upToStep) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int kept = 0;
        int lines = 0;
        for (int start = 0; start < bytes.length; ) {
            int end = indexOf(bytes, (byte) '\n', start);
            if (end < 0) {
                break; // a torn last line: goes aside
            }
            String line = new String(bytes, start, end - start, StandardCharsets.UTF_8);
            if (!line.isBlank()) {
                MetricsRecord r = parse(line);
                if (r == null || r.step() > upToStep) {
                    break;
                }
                history.add(r);
            }
            start = end + 1;
            kept = start;
            lines++;
        }
        if (kept < bytes.length) {
            moveAside(bytes, kept, upToStep, lines);
        }
    }

    private void moveAside(byte[] bytes, int kept, long upToStep, int keptLines)
            throws IOException {
        Path aside = asideFile(upToStep);
        AtomicFiles.write(
                aside, tmp -> Files.write(tmp, Arrays.copyOfRange(bytes, kept, bytes.length)));
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(kept);
            ch.force(true);
        }
        long moved =
                new String(bytes, kept, bytes.length - kept, StandardCharsets.UTF_8)
                        .lines()
                        .count();
        LOG.warn(
                "{}: {} line(s) after step {} (written after the last checkpoint by the process"
                        + " that stopped) moved to {}; {} line(s) kept",
                file.getFileName(),
                moved,
                upToStep,
                aside.getFileName(),
                keptLines);
    }

    private Path asideFile(long step) {
        Path candidate = file.resolveSibling("metrics.after-step-" + step + ".jsonl");
        for (int k = 2; Files.exists(candidate); k++) {
            candidate = file.resolveSibling("metrics.after-step-" + step + "." + k + ".jsonl");
        }
        return candidate;
    }

    private static MetricsRecord parse(String line) {
        try {
            return JSON.readValue(line, MetricsRecord.class);
        } catch (IOException e) {
            return null;
        }
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
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
