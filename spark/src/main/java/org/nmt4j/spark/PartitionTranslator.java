package org.nmt4j.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import org.nmt4j.text.io.Utf8LineReader;
import org.nmt4j.translate.SentenceTranslator;
import org.nmt4j.translate.Translation;
import org.nmt4j.translate.TranslationJob;
import org.nmt4j.translate.TranslationListener;

/**
 * The output lines of one split, produced lazily as Spark's writer asks for them: exactly one per
 * input line, in order. Lines are read and translated {@link TranslationJob#CHUNK_LINES} at a time
 * (as {@code ./nmt translate} does), each chunk batched by length within the token budget by the
 * {@link SentenceTranslator}, so a partition is never held in memory whole.
 *
 * <p>Each line is decoded as {@code ./nmt translate} decodes it ({@link SplitLineReader#decode}): a
 * line that is not valid UTF-8 gives an empty line and a report; a line longer than the model takes
 * is translated in parts and reported. With n-best output a line holds the alternatives separated
 * by tabs. The translator is asked for only when a chunk has a line to translate, so a split of
 * blank lines loads no model.
 */
public final class PartitionTranslator implements Iterator<String> {
    /** The most reports a split keeps (the counts stay exact). */
    public static final int MAX_REPORTS = 100;

    /**
     * A translator and how its output lines are written.
     *
     * @param translator the translator
     * @param nbest true to write every alternative, tab-separated (its n-best is above 1)
     */
    public record Ready(SentenceTranslator translator, boolean nbest) {}

    /** Gives the translator when it is first needed. */
    @FunctionalInterface
    public interface TranslatorSource {
        /**
         * Returns the translator.
         *
         * @return the translator
         * @throws IOException if the model cannot be loaded
         */
        Ready get() throws IOException;
    }

    /** What a split held, handed over when its last line has been produced. */
    public record Tally(long lines, List<LineReport> reports, long moreReports) {}

    private final SplitLineReader reader;
    private final TranslatorSource translator;
    private final JobCounters counters;
    private final Consumer<Tally> onEnd;
    private final ArrayDeque<String> ready = new ArrayDeque<>();
    private final List<LineReport> reports = new ArrayList<>();
    private long moreReports;
    private long lines;
    private boolean ended;

    /**
     * Creates the output of a split.
     *
     * @param reader the split's lines
     * @param translator gives the translator when first needed
     * @param counters where counts go
     * @param onEnd told once, after the last line
     */
    public PartitionTranslator(
            SplitLineReader reader,
            TranslatorSource translator,
            JobCounters counters,
            Consumer<Tally> onEnd) {
        this.reader = reader;
        this.translator = translator;
        this.counters = counters;
        this.onEnd = onEnd;
    }

    @Override
    public boolean hasNext() {
        if (ready.isEmpty() && !ended) {
            try {
                translateChunk();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return !ready.isEmpty();
    }

    @Override
    public String next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }

    private void translateChunk() throws IOException {
        long first = lines + 1;
        List<String> texts = new ArrayList<>(TranslationJob.CHUNK_LINES);
        boolean anyText = false;
        long invalid = 0;
        while (texts.size() < TranslationJob.CHUNK_LINES && reader.next()) {
            Utf8LineReader.Line line = reader.decode(first + texts.size());
            if (line.text() == null) {
                invalid++;
                report(line.number(), line.error() + "; writing an empty line");
            }
            anyText |= line.text() != null && !line.text().isBlank();
            texts.add(line.text());
        }
        if (texts.isEmpty()) {
            ended = true;
            onEnd.accept(new Tally(lines, reports, moreReports));
            return;
        }
        Ready current = anyText ? translator.get() : null;
        List<Translation> translations =
                current == null
                        ? null
                        : current.translator().translate(texts, first, new Listener());
        boolean nbest = current != null && current.nbest();
        long source = 0;
        long target = 0;
        for (int i = 0; i < texts.size(); i++) {
            Translation t = translations == null ? Translation.EMPTY : translations.get(i);
            ready.add(nbest ? String.join("\t", t.alternatives()) : t.text());
            source += t.sourceTokens();
            target += t.targetTokens();
        }
        lines += texts.size();
        counters.lines.add(texts.size());
        counters.sourceTokens.add(source);
        counters.targetTokens.add(target);
        counters.invalidUtf8.add(invalid);
    }

    private void report(long lineInSplit, String message) {
        if (reports.size() < MAX_REPORTS) {
            reports.add(new LineReport(lineInSplit, message));
        } else {
            moreReports++;
        }
    }

    /** Reports long lines as {@code ./nmt translate} does. */
    private final class Listener implements TranslationListener {
        @Override
        public void lineSplit(
                long lineNumber, int tokens, int limit, int parts, boolean cutInsideSentence) {
            counters.splitLines.add(1);
            report(
                    lineNumber,
                    String.format(
                            Locale.ROOT,
                            "%d source pieces exceed the model's limit of %d; translated in %d"
                                    + " parts split at sentence boundaries%s",
                            tokens,
                            limit,
                            parts,
                            cutInsideSentence
                                    ? " (a sentence longer than the limit was cut between"
                                            + " pieces)"
                                    : ""));
        }
    }
}
