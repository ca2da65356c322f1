package org.nmt4j.translate;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Translates a stream of lines into a stream of lines: exactly one output line per input line, in
 * order, always. Input is read and translated in chunks of {@link ChunkTranslator#CHUNK_LINES} (so
 * standard input can stream), each by the {@link ChunkTranslator} that the Spark job uses too, and
 * each batched by length by the {@link SentenceTranslator}.
 *
 * <p>A line that is not valid UTF-8 is reported (warning with its line number) and gives an empty
 * output line; a line longer than the model takes is reported and translated in parts. With n-best
 * output, a line holds the alternatives separated by tabs, so the one-line-per-input rule holds
 * there too. Output lines end with LF.
 */
public final class TranslationJob {
    /** Lines read and translated at a time. */
    public static final int CHUNK_LINES = ChunkTranslator.CHUNK_LINES;

    /** At most this many heatmaps are written, for the first lines. */
    public static final int MAX_HEATMAPS = 100;

    private static final Logger LOG = LoggerFactory.getLogger(TranslationJob.class);

    private final ChunkTranslator chunks;
    private final Path heatmapDir;
    private int heatmaps;

    /**
     * Creates a job.
     *
     * @param translator the translator; with n-best search, every alternative is written,
     *     tab-separated, instead of the best only
     * @param heatmapDir where to write one attention PNG per sentence, or null for none (the
     *     translator must then record attention)
     */
    public TranslationJob(SentenceTranslator translator, Path heatmapDir) {
        this.chunks = new ChunkTranslator(() -> translator);
        this.heatmapDir = heatmapDir;
    }

    /**
     * What a job did.
     *
     * @param lines lines read and written
     * @param sourceTokens source pieces translated
     * @param targetTokens output pieces (best translations)
     * @param invalidUtf8 lines that were not valid UTF-8 (written as empty lines)
     * @param splitLines lines translated in parts
     * @param seconds wall time
     */
    public record Summary(
            long lines,
            long sourceTokens,
            long targetTokens,
            long invalidUtf8,
            long splitLines,
            double seconds) {

        /**
         * A summary of counts.
         *
         * @param counts what was translated
         * @param seconds wall time
         * @return the summary
         */
        public static Summary of(ChunkTranslator.Counts counts, double seconds) {
            return new Summary(
                    counts.lines(),
                    counts.sourceTokens(),
                    counts.targetTokens(),
                    counts.invalidUtf8(),
                    counts.splitLines(),
                    seconds);
        }

        /**
         * The summary line, e.g. {@code 500 sentences, 4021 source tokens, 4410 target tokens in
         * 3.2 s: 156.3 sentences/s, 1378.1 tokens/s (target)}.
         *
         * @return the line
         */
        public String describe() {
            double s = Math.max(seconds, 1e-9);
            return String.format(
                    Locale.ROOT,
                    "%d sentences, %d source tokens, %d target tokens in %.1f s: %.1f sentences/s,"
                            + " %.1f tokens/s (target)%s",
                    lines,
                    sourceTokens,
                    targetTokens,
                    seconds,
                    lines / s,
                    targetTokens / s,
                    invalidUtf8 + splitLines == 0
                            ? ""
                            : String.format(
                                    Locale.ROOT,
                                    "; %d invalid UTF-8 line(s) written empty, %d long line(s)"
                                            + " split",
                                    invalidUtf8,
                                    splitLines));
        }
    }

    /**
     * Runs the job to the end of the input.
     *
     * @param in the input lines
     * @param out where translations go, one line each
     * @param progress told how many more lines are done, or null
     * @return the summary
     * @throws IOException if reading or writing fails
     */
    public Summary run(InputLines in, Writer out, LongConsumer progress) throws IOException {
        long start = System.nanoTime();
        ChunkTranslator.Counts totals = ChunkTranslator.Counts.ZERO;
        List<InputLines.Line> chunk = new ArrayList<>(CHUNK_LINES);
        for (InputLines.Line line = in.next(); line != null; line = in.next()) {
            chunk.add(line);
            if (chunk.size() == CHUNK_LINES) {
                totals = totals.plus(translateChunk(chunk, out, progress));
                chunk.clear();
            }
        }
        if (!chunk.isEmpty()) {
            totals = totals.plus(translateChunk(chunk, out, progress));
        }
        out.flush();
        return Summary.of(totals, (System.nanoTime() - start) / 1e9);
    }

    private ChunkTranslator.Counts translateChunk(
            List<InputLines.Line> chunk, Writer out, LongConsumer progress) throws IOException {
        ChunkTranslator.Chunk done = chunks.translate(chunk, progress);
        for (ChunkTranslator.Report r : done.reports()) {
            LOG.warn("line {}: {}", r.lineNumber(), r.message());
        }
        for (int i = 0; i < done.output().size(); i++) {
            out.write(done.output().get(i));
            out.write('\n');
            writeHeatmaps(chunk.get(i).number(), done.translations().get(i));
        }
        return done.counts();
    }

    private void writeHeatmaps(long lineNumber, Translation t) throws IOException {
        if (heatmapDir == null || t.attention().isEmpty()) {
            return;
        }
        if (heatmaps >= MAX_HEATMAPS) {
            if (heatmaps++ == MAX_HEATMAPS) {
                LOG.warn(
                        "attention heatmaps are written for the first {} sentences only; line {}"
                                + " and later get none",
                        MAX_HEATMAPS,
                        lineNumber);
            }
            return;
        }
        heatmaps++;
        for (int p = 0; p < t.attention().size(); p++) {
            String name =
                    String.format(Locale.ROOT, "line-%06d", lineNumber)
                            + (t.attention().size() > 1 ? "-part" + (p + 1) : "")
                            + ".png";
            String title =
                    "line " + lineNumber + (t.attention().size() > 1 ? ", part " + (p + 1) : "");
            AttentionHeatmap.write(t.attention().get(p), title, heatmapDir.resolve(name));
        }
    }
}
