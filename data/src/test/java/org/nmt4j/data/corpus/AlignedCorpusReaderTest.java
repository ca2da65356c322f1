package org.nmt4j.data.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.data.DataConfig;

class AlignedCorpusReaderTest {
    @TempDir Path dir;

    @Test
    void aligned_pairsLineNOfOneFileWithLineNOfTheOther() throws IOException {
        Path en = CorpusFiles.create().text("Hello.\nBye.\n").writeTo(dir.resolve("train.en"));
        Path es = CorpusFiles.create().text("Hola.\nAdiós.\n").writeTo(dir.resolve("train.es"));
        ReadSummary[] s = new ReadSummary[1];
        List<SentencePair> pairs = CorpusFiles.readAll(new AlignedCorpusReader(en, es, 0.1), s);
        assertEquals(
                List.of(
                        new SentencePair(1, "Hello.", "Hola."),
                        new SentencePair(2, "Bye.", "Adiós.")),
                pairs);
        assertEquals(2, s[0].lines());
    }

    @Test
    void aligned_failsOnLineCountMismatch_namingBothCounts() throws IOException {
        Path en = CorpusFiles.create().text("a\nb\nc\nd\ne\n").writeTo(dir.resolve("t.en"));
        Path es = CorpusFiles.create().text("a\nb\nc\n").writeTo(dir.resolve("t.es"));
        CorpusException e =
                assertThrows(
                        CorpusException.class,
                        () -> new AlignedCorpusReader(en, es, 0.1).read(p -> {}));
        assertTrue(e.getMessage().contains("t.en has 5 lines but"), e.getMessage());
        assertTrue(e.getMessage().contains("t.es has 3 lines"), e.getMessage());
        CorpusException reversed =
                assertThrows(
                        CorpusException.class,
                        () -> new AlignedCorpusReader(es, en, 0.1).read(p -> {}));
        assertTrue(reversed.getMessage().contains("t.es has 3 lines but"), reversed.getMessage());
        assertTrue(reversed.getMessage().contains("t.en has 5 lines"), reversed.getMessage());
    }

    @Test
    void aligned_skipsEmptySideBlankLineAndInvalidUtf8_inEitherFile() throws IOException {
        Path en =
                CorpusFiles.create()
                        .text("one\n")
                        .text("\n") // empty source
                        .text("three\n")
                        .bytes(CorpusFiles.INVALID_UTF8)
                        .text("\n")
                        .text("\n") // blank on both sides
                        .text("six\n")
                        .writeTo(dir.resolve("t.en"));
        Path es =
                CorpusFiles.create()
                        .text("uno\n")
                        .text("dos\n")
                        .bytes(CorpusFiles.INVALID_UTF8)
                        .text("\n")
                        .text("cuatro\n")
                        .text("  \n")
                        .text("seis\n")
                        .writeTo(dir.resolve("t.es"));
        ReadSummary[] s = new ReadSummary[1];
        List<SentencePair> pairs = CorpusFiles.readAll(new AlignedCorpusReader(en, es, 1.0), s);
        assertEquals(List.of(1L, 6L), pairs.stream().map(SentencePair::line).toList());
        assertEquals(List.of(2L), s[0].skips().firstLines(SkipReason.EMPTY_SIDE));
        assertEquals(List.of(3L, 4L), s[0].skips().firstLines(SkipReason.INVALID_UTF8));
        assertEquals(List.of(5L), s[0].skips().firstLines(SkipReason.BLANK_LINE));
    }

    @Test
    void aligned_acceptsBomAndCrlf() throws IOException {
        Path en =
                CorpusFiles.create()
                        .bytes(CorpusFiles.BOM)
                        .text("Hi.\r\nYes.\r\n")
                        .writeTo(dir.resolve("t.en"));
        Path es = CorpusFiles.create().text("Hola.\nSí.\n").writeTo(dir.resolve("t.es"));
        List<SentencePair> pairs =
                CorpusFiles.readAll(new AlignedCorpusReader(en, es, 0.1), new ReadSummary[1]);
        assertEquals(
                List.of(new SentencePair(1, "Hi.", "Hola."), new SentencePair(2, "Yes.", "Sí.")),
                pairs);
    }

    @Test
    void aligned_failsOnMostlyMalformedFiles() throws IOException {
        Path en = CorpusFiles.create().text("a\n\n\n\n").writeTo(dir.resolve("t.en"));
        Path es = CorpusFiles.create().text("b\nx\ny\nz\n").writeTo(dir.resolve("t.es"));
        CorpusException e =
                assertThrows(
                        CorpusException.class,
                        () -> new AlignedCorpusReader(en, es, 0.5).read(p -> {}));
        assertTrue(e.getMessage().contains("3 of 4 lines"), e.getMessage());
    }

    @Test
    void corpusReaders_openAlignedPrefix_asOneFilePerLanguageSuffix() throws IOException {
        CorpusFiles.create().text("Hello.\n").writeTo(dir.resolve("train.en"));
        CorpusFiles.create().text("Hola.\n").writeTo(dir.resolve("train.es"));
        DataConfig config =
                DataConfig.builder(DataConfig.Format.ALIGNED, dir.resolve("train"), "es", "en")
                        .build();
        CorpusReader reader = CorpusReaders.open(config, config.train());
        List<SentencePair> pairs = CorpusFiles.readAll(reader, new ReadSummary[1]);
        assertEquals(List.of(new SentencePair(1, "Hola.", "Hello.")), pairs);
    }
}
