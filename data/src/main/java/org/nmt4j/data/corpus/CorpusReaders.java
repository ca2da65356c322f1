package org.nmt4j.data.corpus;

import java.nio.file.Files;
import java.nio.file.Path;
import org.nmt4j.data.DataConfig;

/** Makes the reader for a configured corpus split, and holds the line checks they share. */
public final class CorpusReaders {
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

    static SkipReason checkLine(ByteLineReader.Line line) {
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
