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
 * order, always. Input is read and translated in chunks (so standard input can stream), each chunk
 * batched by length by the {@link SentenceTranslator}.
 *
 * <p>A line that is not valid UTF-8 is reported (warning with its line number) and gives an empty
 * output line; a line longer than the model takes is reported and translated in parts. With n-best
 * output, a line holds the alternatives separated by tabs (translations never contain tabs: the
 * tokenizer's normalisation turns them into spaces), so the one-line-per-input rule holds there
 * too. Output lines end with LF.
 */
public final class TranslationJob {
    /** Lines read and translated at a time. */
    public static final int CHUNK_LINES = 2000;

    /** At most this many heatmaps are written, for the first lines. */
    public static final int MAX_HEATMAPS = 100;

    private static final Logger LOG = LoggerFactory.getLogger(TranslationJob.class);

    private final SentenceTranslator translator;
    private final Path heatmapDir;
    private final boolean nbest;
    private int heatmaps;

    /**
     * Creates a job.
     *
     * @param translator the translator
     * @param heatmapDir where to write one attention PNG per sentence, or null for none (the
     *     translator must then record attention)
     * @param nbest true to write every alternative, tab-separated, instead of the best only
     */
    public TranslationJob(SentenceTranslator translator, Path heatmapDir, boolean nbest) {
        this.translator = translator;
        this.heatmapDir = heatmapDir;
        this.nbest = nbest;
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
        long[] totals = new long[5];
        List<InputLines.Line> chunk = new ArrayList<>(CHUNK_LINES);
        for (InputLines.Line line = in.next(); line != null; line = in.next()) {
            chunk.add(line);
            if (chunk.size() == CHUNK_LINES) {
                translateChunk(chunk, out, progress, totals);
                chunk.clear();
            }
        }
        translateChunk(chunk, out, progress, totals);
        out.flush();
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Summary(totals[0], totals[1], totals[2], totals[3], totals[4], seconds);
    }

    private void translateChunk(
            List<InputLines.Line> chunk, Writer out, LongConsumer progress, long[] totals)
            throws IOException {
        if (chunk.isEmpty()) {
            return;
        }
        List<String> texts = new ArrayList<>(chunk.size());
        for (InputLines.Line line : chunk) {
            if (line.text() == null) {
                LOG.warn("line {}: {}; writing an empty line", line.number(), line.error());
                totals[3]++;
            }
            texts.add(line.text());
        }
        long first = chunk.get(0).number();
        Listener listener = new Listener(progress);
        List<Translation> translations = translator.translate(texts, first, listener);
        for (int i = 0; i < translations.size(); i++) {
            Translation t = translations.get(i);
            out.write(nbest ? String.join("\t", t.alternatives()) : t.text());
            out.write('\n');
            totals[0]++;
            totals[1] += t.sourceTokens();
            totals[2] += t.targetTokens();
            writeHeatmaps(first + i, t);
        }
        totals[4] += listener.split;
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

    /** Logs split lines and forwards progress. */
    private static final class Listener implements TranslationListener {
        private final LongConsumer progress;
        private long split;

        Listener(LongConsumer progress) {
            this.progress = progress;
        }

        @Override
        public void lineSplit(
                long lineNumber, int tokens, int limit, int parts, boolean cutInsideSentence) {
            split++;
            LOG.warn(
                    "line {}: {} source pieces exceed the model's limit of {}; translated in {}"
                            + " parts split at sentence boundaries{}",
                    lineNumber,
                    tokens,
                    limit,
                    parts,
                    cutInsideSentence
                            ? " (a sentence longer than the limit was cut between pieces)"
                            : "");
        }

        @Override
        public void linesCompleted(int lines) {
            if (progress != null && lines > 0) {
                progress.accept(lines);
            }
        }
    }
}
