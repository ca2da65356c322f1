package org.nmt4j.data.corpus;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.nmt4j.text.io.Utf8LineReader;

/**
 * Reads a corpus given as two line-aligned files ({@code train.en} / {@code train.es}): line n of
 * one is the translation of line n of the other. Both files are streamed together; if one ends
 * before the other, the rest of the longer one is counted and the read fails with a message that
 * names both line counts.
 *
 * <p>A line that is invalid UTF-8 in either file, or empty on either side, is skipped and counted.
 */
public final class AlignedCorpusReader implements CorpusReader {
    private final Path sourceFile;
    private final Path targetFile;
    private final double maxBadShare;

    /**
     * Creates a reader.
     *
     * @param sourceFile the source-language file
     * @param targetFile the target-language file
     * @param maxBadShare the largest acceptable share of malformed lines
     */
    public AlignedCorpusReader(Path sourceFile, Path targetFile, double maxBadShare) {
        this.sourceFile = sourceFile;
        this.targetFile = targetFile;
        this.maxBadShare = maxBadShare;
    }

    @Override
    public String describe() {
        return sourceFile + " + " + targetFile;
    }

    @Override
    public ReadSummary read(Consumer<SentencePair> sink) throws IOException {
        CorpusReaders.requireFile(sourceFile);
        CorpusReaders.requireFile(targetFile);
        SkipCounter skips = new SkipCounter();
        long pairs = 0;
        try (Utf8LineReader src = CorpusReaders.lines(sourceFile);
                Utf8LineReader tgt = CorpusReaders.lines(targetFile)) {
            while (true) {
                Utf8LineReader.Line s = src.next();
                Utf8LineReader.Line t = tgt.next();
                if (s == null || t == null) {
                    if (s != null || t != null) {
                        throw mismatch(drain(src, s), drain(tgt, t));
                    }
                    break;
                }
                SkipReason bad = check(s, t);
                if (bad != null) {
                    skips.skip(bad, s.number());
                    continue;
                }
                sink.accept(new SentencePair(s.number(), s.text(), t.text()));
                pairs++;
            }
            ReadSummary summary = new ReadSummary(describe(), src.lineNumber(), pairs, skips);
            summary.check(maxBadShare, "one sentence per line in each file, line-aligned");
            return summary;
        }
    }

    private static SkipReason check(Utf8LineReader.Line s, Utf8LineReader.Line t) {
        SkipReason a = CorpusReaders.checkLine(s);
        SkipReason b = CorpusReaders.checkLine(t);
        if (a != null && a != SkipReason.BLANK_LINE) {
            return a;
        }
        if (b != null && b != SkipReason.BLANK_LINE) {
            return b;
        }
        if (a == SkipReason.BLANK_LINE && b == SkipReason.BLANK_LINE) {
            return SkipReason.BLANK_LINE;
        }
        return a != null || b != null ? SkipReason.EMPTY_SIDE : null;
    }

    private static long drain(Utf8LineReader in, Utf8LineReader.Line pending) throws IOException {
        if (pending == null) {
            return in.lineNumber();
        }
        while (in.next() != null) {
            // count the rest
        }
        return in.lineNumber();
    }

    private CorpusException mismatch(long sourceLines, long targetLines) {
        return new CorpusException(
                String.format(
                        "aligned files differ in length: %s has %d lines but %s has %d lines;"
                                + " each line of one must be the translation of the same line of"
                                + " the other",
                        sourceFile, sourceLines, targetFile, targetLines),
                false);
    }
}
