package org.nmt4j.data.corpus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nmt4j.data.DataConfig;
import org.nmt4j.text.io.Utf8LineReader;

/** Makes the reader for a configured corpus split, and holds the line checks they share. */
public final class CorpusReaders {
    /** The longest corpus line kept, in bytes (1 MiB); longer lines are skipped. */
    public static final int MAX_LINE_BYTES = 1 << 20;

    private CorpusReaders() {}

    /**
     * Makes a reader for one file (Anki/TSV) or file prefix (aligned) of the configured corpus.
     *
     * @param config the data configuration (format, columns, languages, bad-line share)
     * @param location the split's file, or for {@code aligned} its prefix ({@code data/train} for
     *     {@code data/train.en} and {@code data/train.es})
     * @return the reader
     */
    public static CorpusReader open(DataConfig config, Path location) {
        return switch (config.format()) {
            case ANKI, TSV ->
                    new TsvCorpusReader(
                            location,
                            config.sourceColumn(),
                            config.targetColumn(),
                            config.format() == DataConfig.Format.ANKI,
                            config.maxBadLineShare());
            case ALIGNED ->
                    new AlignedCorpusReader(
                            config.alignedFile(location, config.sourceLang()),
                            config.alignedFile(location, config.targetLang()),
                            config.maxBadLineShare());
        };
    }

    static void requireFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new CorpusException(
                    "corpus file not found: "
                            + file.toAbsolutePath()
                            + "; fix the path in the data section of the config (or run"
                            + " './nmt download spa-eng' for the English-Spanish corpus)",
                    true);
        }
    }

    /** Opens a corpus file for reading line by line, lines over {@link #MAX_LINE_BYTES} skipped. */
    static Utf8LineReader lines(Path file) throws IOException {
        return new Utf8LineReader(Files.newInputStream(file), MAX_LINE_BYTES);
    }

    static SkipReason checkLine(Utf8LineReader.Line line) {
        if (line.tooLong()) {
            return SkipReason.LINE_TOO_LONG;
        }
        if (line.invalidUtf8()) {
            return SkipReason.INVALID_UTF8;
        }
        if (line.text().isBlank()) {
            return SkipReason.BLANK_LINE;
        }
        return null;
    }
}
