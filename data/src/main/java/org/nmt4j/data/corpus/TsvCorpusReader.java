package org.nmt4j.data.corpus;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.nmt4j.text.io.Utf8LineReader;

/**
 * Reads a tab-separated corpus: the Anki/Tatoeba {@code spa.txt} ({@code English<TAB>Spanish},
 * newer releases add a third attribution column, at most 3 columns) or a plain TSV with any number
 * of columns. Which column is the source and which the target is configuration.
 *
 * <p>UTF-8 with or without a BOM, LF or CRLF. Lines with no tab, a missing column, an empty side,
 * invalid UTF-8 (or, for Anki, more than 3 columns) are skipped and counted by reason.
 */
public final class TsvCorpusReader implements CorpusReader {
    private final Path file;
    private final int sourceColumn;
    private final int targetColumn;
    private final boolean anki;
    private final double maxBadShare;

    /**
     * Creates a reader.
     *
     * @param file the file
     * @param sourceColumn 0-based column of the source sentence
     * @param targetColumn 0-based column of the target sentence
     * @param anki true for the Anki layout (at most 3 columns)
     * @param maxBadShare the largest acceptable share of malformed lines
     */
    public TsvCorpusReader(
            Path file, int sourceColumn, int targetColumn, boolean anki, double maxBadShare) {
        if (sourceColumn < 0 || targetColumn < 0 || sourceColumn == targetColumn) {
            throw new IllegalArgumentException(
                    "source and target columns must be distinct and >= 0, got "
                            + sourceColumn
                            + " and "
                            + targetColumn);
        }
        if (anki && Math.max(sourceColumn, targetColumn) > 1) {
            throw new IllegalArgumentException(
                    "an Anki file has its sentences in columns 0 and 1, got "
                            + sourceColumn
                            + " and "
                            + targetColumn);
        }
        this.file = file;
        this.sourceColumn = sourceColumn;
        this.targetColumn = targetColumn;
        this.anki = anki;
        this.maxBadShare = maxBadShare;
    }

    @Override
    public String describe() {
        return file.toString();
    }

    @Override
    public ReadSummary read(Consumer<SentencePair> sink) throws IOException {
        CorpusReaders.requireFile(file);
        SkipCounter skips = new SkipCounter();
        long pairs = 0;
        try (Utf8LineReader in = CorpusReaders.lines(file)) {
            for (Utf8LineReader.Line line = in.next(); line != null; line = in.next()) {
                SkipReason bad = CorpusReaders.checkLine(line);
                String[] cols = bad == null ? line.text().split("\t", -1) : null;
                if (bad == null) {
                    bad = checkColumns(cols);
                }
                if (bad != null) {
                    skips.skip(bad, line.number());
                    continue;
                }
                sink.accept(
                        new SentencePair(line.number(), cols[sourceColumn], cols[targetColumn]));
                pairs++;
            }
            ReadSummary summary = new ReadSummary(file.toString(), in.lineNumber(), pairs, skips);
            summary.check(maxBadShare, formatHint());
            return summary;
        }
    }

    private SkipReason checkColumns(String[] cols) {
        if (cols.length == 1) {
            return SkipReason.NO_TAB;
        }
        if (anki && cols.length > 3) {
            return SkipReason.TOO_MANY_COLUMNS;
        }
        if (cols.length <= Math.max(sourceColumn, targetColumn)) {
            return SkipReason.MISSING_COLUMN;
        }
        if (cols[sourceColumn].isBlank() || cols[targetColumn].isBlank()) {
            return SkipReason.EMPTY_SIDE;
        }
        return null;
    }

    private String formatHint() {
        return anki
                ? "Anki lines 'sentence<TAB>translation[<TAB>attribution]'"
                : "TSV lines with the source in column "
                        + sourceColumn
                        + " and the target in column "
                        + targetColumn;
    }
}
