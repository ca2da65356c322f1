package org.nmt4j.translate;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongConsumer;

/**
 * Translates one chunk of input lines into exactly as many output lines, in order: the step that
 * {@code ./nmt translate} ({@link TranslationJob}) and each task of the Spark job ({@code
 * PartitionTranslator}) repeat until their input ends, so both write the same lines and report the
 * same things in the same words.
 *
 * <ul>
 *   <li>A line that is not valid UTF-8 gives an empty output line and a report.
 *   <li>A line longer than the model takes is translated in parts ({@link SentenceTranslator}) and
 *       reported.
 *   <li>With n-best search, an output line holds the alternatives separated by tabs (translations
 *       never contain tabs: the tokenizer's normalisation turns them into spaces).
 *   <li>The translator is asked for only when the chunk has a line to translate, so a chunk of
 *       blank or undecodable lines loads no model.
 * </ul>
 */
public final class ChunkTranslator {
    /** Lines read and translated at a time. */
    public static final int CHUNK_LINES = 2000;

    private final TranslatorSource source;

    /** Gives the translator when it is first needed (e.g. a model loaded on first use). */
    @FunctionalInterface
    public interface TranslatorSource {
        /**
         * Returns the translator.
         *
         * @return the translator
         * @throws IOException if the model cannot be loaded
         */
        SentenceTranslator get() throws IOException;
    }

    /**
     * A line that needed special care.
     *
     * @param lineNumber the line's number, as the chunk's lines are numbered
     * @param message what happened, e.g. {@code 40 source pieces exceed the model's limit of 31;
     *     translated in 2 parts split at sentence boundaries}
     */
    public record Report(long lineNumber, String message) {}

    /**
     * What was translated: the counts a job adds up (instead of an array of totals); serializable,
     * so that a Spark job can add them up across executors.
     *
     * @param lines lines read and written
     * @param sourceTokens source pieces translated
     * @param targetTokens output pieces (best translations)
     * @param invalidUtf8 lines that were not valid UTF-8 (written as empty lines)
     * @param splitLines lines translated in parts
     */
    public record Counts(
            long lines, long sourceTokens, long targetTokens, long invalidUtf8, long splitLines)
            implements Serializable {

        private static final long serialVersionUID = 1L;

        /** Nothing yet. */
        public static final Counts ZERO = new Counts(0, 0, 0, 0, 0);

        /**
         * Adds two counts.
         *
         * @param other the counts to add
         * @return the sums
         */
        public Counts plus(Counts other) {
            return new Counts(
                    lines + other.lines,
                    sourceTokens + other.sourceTokens,
                    targetTokens + other.targetTokens,
                    invalidUtf8 + other.invalidUtf8,
                    splitLines + other.splitLines);
        }
    }

    /**
     * A translated chunk.
     *
     * @param output one output line per input line, in order, without line ends
     * @param translations one translation per input line ({@link Translation#EMPTY} for a line not
     *     translated)
     * @param counts what the chunk held
     * @param reports the lines that needed special care, in input order
     */
    public record Chunk(
            List<String> output,
            List<Translation> translations,
            Counts counts,
            List<Report> reports) {

        /** Copies the lists. */
        public Chunk {
            output = List.copyOf(output);
            translations = List.copyOf(translations);
            reports = List.copyOf(reports);
        }
    }

    /**
     * Creates a chunk translator.
     *
     * @param source gives the translator when first needed; its search's n-best decides whether
     *     output lines hold one translation or the tab-separated alternatives
     */
    public ChunkTranslator(TranslatorSource source) {
        this.source = source;
    }

    /**
     * Translates a chunk.
     *
     * @param lines the lines, numbered (a line whose text is null is not valid UTF-8)
     * @param progress told how many more lines are done, or null
     * @return the output lines, translations, counts and reports
     * @throws IOException if the translator cannot be had
     */
    public Chunk translate(List<InputLines.Line> lines, LongConsumer progress) throws IOException {
        List<Report> reports = new ArrayList<>();
        List<String> texts = new ArrayList<>(lines.size());
        long invalid = 0;
        boolean anyText = false;
        for (InputLines.Line line : lines) {
            if (line.text() == null) {
                invalid++;
                reports.add(new Report(line.number(), line.error() + "; writing an empty line"));
            }
            anyText |= line.text() != null && !line.text().isBlank();
            texts.add(line.text());
        }
        if (!anyText) {
            if (progress != null && !lines.isEmpty()) {
                progress.accept(lines.size());
            }
            List<Translation> empty = new ArrayList<>(lines.size());
            lines.forEach(l -> empty.add(Translation.EMPTY));
            return chunk(empty, false, invalid, 0, reports);
        }
        SentenceTranslator translator = source.get();
        Listener listener = new Listener(progress, reports);
        long first = lines.get(0).number();
        List<Translation> translations = translator.translate(texts, first, listener);
        reports.sort((a, b) -> Long.compare(a.lineNumber(), b.lineNumber()));
        boolean nbest = translator.decodeConfig().nbest() > 1;
        return chunk(translations, nbest, invalid, listener.split, reports);
    }

    private static Chunk chunk(
            List<Translation> translations,
            boolean nbest,
            long invalid,
            long split,
            List<Report> reports) {
        List<String> output = new ArrayList<>(translations.size());
        long source = 0;
        long target = 0;
        for (Translation t : translations) {
            output.add(nbest ? String.join("\t", t.alternatives()) : t.text());
            source += t.sourceTokens();
            target += t.targetTokens();
        }
        Counts counts = new Counts(translations.size(), source, target, invalid, split);
        return new Chunk(output, translations, counts, reports);
    }

    /** Reports split lines and forwards progress. */
    private static final class Listener implements TranslationListener {
        private final LongConsumer progress;
        private final List<Report> reports;
        private long split;

        Listener(LongConsumer progress, List<Report> reports) {
            this.progress = progress;
            this.reports = reports;
        }

        @Override
        public void lineSplit(
                long lineNumber, int tokens, int limit, int parts, boolean cutInsideSentence) {
            split++;
            reports.add(
                    new Report(
                            lineNumber,
                            String.format(
                                    Locale.ROOT,
                                    "%d source pieces exceed the model's limit of %d; translated"
                                            + " in %d parts split at sentence boundaries%s",
                                    tokens,
                                    limit,
                                    parts,
                                    cutInsideSentence
                                            ? " (a sentence longer than the limit was cut"
                                                    + " between pieces)"
                                            : "")));
        }

        @Override
        public void linesCompleted(int lines) {
            if (progress != null && lines > 0) {
                progress.accept(lines);
            }
        }
    }
}
