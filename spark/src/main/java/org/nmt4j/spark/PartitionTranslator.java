package org.nmt4j.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import org.nmt4j.text.io.Utf8LineReader;
import org.nmt4j.translate.ChunkTranslator;
import org.nmt4j.translate.InputLines;

/**
 * The output lines of one split, produced lazily as Spark's writer asks for them: exactly one per
 * input line, in order. Lines are read {@link ChunkTranslator#CHUNK_LINES} at a time and each chunk
 * is translated by the {@link ChunkTranslator} that {@code ./nmt translate} uses too, so a
 * partition is never held in memory whole and its lines are written and reported as the command
 * line writes and reports them.
 *
 * <p>Each line is decoded as {@code ./nmt translate} decodes it ({@link SplitLineReader#decode}).
 * The translator is asked for only when a chunk has a line to translate, so a split of blank lines
 * loads no model.
 */
public final class PartitionTranslator implements Iterator<String> {
    /** The most reports a split keeps (the counts stay exact). */
    public static final int MAX_REPORTS = 100;

    /** What a split held, handed over when its last line has been produced. */
    public record Tally(long lines, List<LineReport> reports, long moreReports) {}

    private final SplitLineReader reader;
    private final ChunkTranslator chunks;
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
            ChunkTranslator.TranslatorSource translator,
            JobCounters counters,
            Consumer<Tally> onEnd) {
        this.reader = reader;
        this.chunks = new ChunkTranslator(translator);
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
        List<InputLines.Line> chunk = new ArrayList<>(ChunkTranslator.CHUNK_LINES);
        while (chunk.size() < ChunkTranslator.CHUNK_LINES && reader.next()) {
            Utf8LineReader.Line line = reader.decode(first + chunk.size());
            chunk.add(new InputLines.Line(line.number(), line.text(), line.error()));
        }
        if (chunk.isEmpty()) {
            ended = true;
            onEnd.accept(new Tally(lines, reports, moreReports));
            return;
        }
        ChunkTranslator.Chunk done = chunks.translate(chunk, null);
        ready.addAll(done.output());
        lines += chunk.size();
        counters.add(done.counts());
        for (ChunkTranslator.Report r : done.reports()) {
            if (reports.size() < MAX_REPORTS) {
                reports.add(new LineReport(r.lineNumber(), r.message()));
            } else {
                moreReports++;
            }
        }
    }
}
