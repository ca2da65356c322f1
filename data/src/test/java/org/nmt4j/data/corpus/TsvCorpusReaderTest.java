package org.nmt4j.data.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TsvCorpusReaderTest {
    @TempDir Path dir;

    private List<SentencePair> read(Path file, boolean anki, int src, int tgt, ReadSummary[] s)
            throws IOException {
        return CorpusFiles.readAll(new TsvCorpusReader(file, src, tgt, anki, 0.5), s);
    }

    @Test
    void anki_readsTwoAndThreeColumnLines_ignoringTheAttribution() throws IOException {
        Path f =
                CorpusFiles.create()
                        .text("Go.\tVe.\n")
                        .text("Hi.\tHola.\tCC-BY 2.0 (France) Attribution: tatoeba.org #538123\n")
                        .writeTo(dir.resolve("spa.txt"));
        ReadSummary[] s = new ReadSummary[1];
        List<SentencePair> pairs = read(f, true, 0, 1, s);
        assertEquals(
                List.of(new SentencePair(1, "Go.", "Ve."), new SentencePair(2, "Hi.", "Hola.")),
                pairs);
        assertEquals(2, s[0].lines());
        assertEquals(0, s[0].skips().total());
    }

    @Test
    void anki_skipsLinesWithMoreThanThreeColumns() throws IOException {
        Path f =
                CorpusFiles.create()
                        .text("a\tb\n")
                        .text("a\tb\tc\td\n")
                        .text("c\td\n")
                        .writeTo(dir.resolve("spa.txt"));
        ReadSummary[] s = new ReadSummary[1];
        assertEquals(2, read(f, true, 0, 1, s).size());
        assertEquals(1, s[0].skips().count(SkipReason.TOO_MANY_COLUMNS));
        assertEquals(List.of(2L), s[0].skips().firstLines(SkipReason.TOO_MANY_COLUMNS));
    }

    @Test
    void reader_skipsAndCountsLinesWithoutTab_reportingFirstLineNumbers() throws IOException {
        CorpusFiles c = CorpusFiles.create();
        for (int i = 1; i <= 20; i++) {
            c.text(i % 3 == 0 ? "no tab on line " + i + "\n" : "src " + i + "\ttgt " + i + "\n");
        }
        ReadSummary[] s = new ReadSummary[1];
        List<SentencePair> pairs = read(c.writeTo(dir.resolve("c.tsv")), false, 0, 1, s);
        assertEquals(14, pairs.size());
        assertEquals(6, s[0].skips().count(SkipReason.NO_TAB));
        assertEquals(List.of(3L, 6L, 9L, 12L, 15L), s[0].skips().firstLines(SkipReason.NO_TAB));
        assertTrue(
                s[0].skips().toString().contains("no tab: 6 (lines 3, 6, 9, 12, 15, ...)"),
                s[0].skips().toString());
    }

    @Test
    void reader_skipsEmptySidesAndBlankLines_countingEachReason() throws IOException {
        Path f =
                CorpusFiles.create()
                        .text("ok\tbien\n")
                        .text("\tsin fuente\n")
                        .text("no target\t  \n")
                        .text("\n")
                        .text("   \n")
                        .text("fine\tbien\n")
                        .writeTo(dir.resolve("c.tsv"));
        ReadSummary[] s = new ReadSummary[1];
        List<SentencePair> pairs = CorpusFiles.readAll(new TsvCorpusReader(f, 0, 1, false, 1.0), s);
        assertEquals(2, pairs.size());
        assertEquals(List.of(2L, 3L), s[0].skips().firstLines(SkipReason.EMPTY_SIDE));
        assertEquals(List.of(4L, 5L), s[0].skips().firstLines(SkipReason.BLANK_LINE));
        assertEquals(6, pairs.get(1).line());
    }

    @Test
    void reader_skipsInvalidUtf8Line_andKeepsTheLinesAround() throws IOException {
        Path f =
                CorpusFiles.create()
                        .text("one\tuno\n")
                        .text("bad\t")
                        .bytes(CorpusFiles.INVALID_UTF8)
                        .text("\n")
                        .text("three\ttrès\n")
                        .writeTo(dir.resolve("c.tsv"));
        ReadSummary[] s = new ReadSummary[1];
        List<SentencePair> pairs = read(f, false, 0, 1, s);
        assertEquals(List.of("uno", "très"), pairs.stream().map(SentencePair::target).toList());
        assertEquals(List.of(2L), s[0].skips().firstLines(SkipReason.INVALID_UTF8));
    }

    @Test
    void reader_acceptsBomAndCrlf_andALastLineWithoutNewline() throws IOException {
        Path f =
                CorpusFiles.create()
                        .bytes(CorpusFiles.BOM)
                        .text("Hello.\t¡Hola!\r\n")
                        .text("Bye.\tAdiós.\r\n")
                        .text("Yes.\tSí.")
                        .writeTo(dir.resolve("c.tsv"));
        ReadSummary[] s = new ReadSummary[1];
        List<SentencePair> pairs = read(f, true, 0, 1, s);
        assertEquals(new SentencePair(1, "Hello.", "¡Hola!"), pairs.get(0));
        assertEquals("Adiós.", pairs.get(1).target());
        assertEquals(new SentencePair(3, "Yes.", "Sí."), pairs.get(2));
        assertEquals(0, s[0].skips().total());
    }

    @Test
    void tsv_takesConfiguredColumns_soEitherLanguageCanBeTheSource() throws IOException {
        Path f =
                CorpusFiles.create()
                        .text("id1\tHola.\tHello.\tnote\n")
                        .text("id2\tAdiós.\tBye.\n")
                        .writeTo(dir.resolve("c.tsv"));
        ReadSummary[] s = new ReadSummary[1];
        List<SentencePair> pairs = read(f, false, 2, 1, s);
        assertEquals(
                List.of(
                        new SentencePair(1, "Hello.", "Hola."),
                        new SentencePair(2, "Bye.", "Adiós.")),
                pairs);
        List<SentencePair> reversed = read(dir.resolve("c.tsv"), false, 1, 2, s);
        assertEquals("Hola.", reversed.get(0).source());
    }

    @Test
    void tsv_skipsLinesMissingTheConfiguredColumn() throws IOException {
        Path f =
                CorpusFiles.create().text("a\tb\tc\n").text("a\tb\n").writeTo(dir.resolve("c.tsv"));
        ReadSummary[] s = new ReadSummary[1];
        assertEquals(1, CorpusFiles.readAll(new TsvCorpusReader(f, 0, 2, false, 1.0), s).size());
        assertEquals(List.of(2L), s[0].skips().firstLines(SkipReason.MISSING_COLUMN));
    }

    @Test
    void reader_skipsLineOverOneMebibyte_withoutFailing() throws IOException {
        Path f =
                CorpusFiles.create()
                        .text("a\t" + "x".repeat(CorpusReaders.MAX_LINE_BYTES) + "\n")
                        .text("b\tc\n")
                        .writeTo(dir.resolve("c.tsv"));
        ReadSummary[] s = new ReadSummary[1];
        List<SentencePair> pairs = CorpusFiles.readAll(new TsvCorpusReader(f, 0, 1, false, 1.0), s);
        assertEquals(List.of(new SentencePair(2, "b", "c")), pairs);
        assertEquals(1, s[0].skips().count(SkipReason.LINE_TOO_LONG));
    }

    @Test
    void reader_failsOnMostlyMalformedFile_namingFileShareAndFix() throws IOException {
        CorpusFiles c = CorpusFiles.create().text("good\tbueno\n");
        for (int i = 0; i < 9; i++) {
            c.text("English only\n");
        }
        Path f = c.writeTo(dir.resolve("wrong-format.txt"));
        CorpusException e =
                assertThrows(
                        CorpusException.class,
                        () -> new TsvCorpusReader(f, 0, 1, true, 0.05).read(p -> {}));
        assertTrue(e.getMessage().contains("wrong-format.txt"), e.getMessage());
        assertTrue(e.getMessage().contains("9 of 10 lines (90.0%)"), e.getMessage());
        assertTrue(e.getMessage().contains("data.max_bad_line_share"), e.getMessage());
        assertTrue(e.configError());
    }

    @Test
    void reader_acceptsBadLinesUpToTheConfiguredShare() throws IOException {
        CorpusFiles c = CorpusFiles.create();
        for (int i = 0; i < 19; i++) {
            c.text("s\tt\n");
        }
        Path f = c.text("broken\n").writeTo(dir.resolve("c.tsv"));
        ReadSummary summary = new TsvCorpusReader(f, 0, 1, false, 0.05).read(p -> {});
        assertEquals(0.05, summary.badShare(), 1e-12);
        assertThrows(
                CorpusException.class,
                () -> new TsvCorpusReader(f, 0, 1, false, 0.04).read(p -> {}));
    }

    @Test
    void reader_failsOnMissingFile_asAConfigError() {
        CorpusException e =
                assertThrows(
                        CorpusException.class,
                        () ->
                                new TsvCorpusReader(dir.resolve("nope.tsv"), 0, 1, false, 0.1)
                                        .read(p -> {}));
        assertTrue(e.getMessage().contains("nope.tsv"));
        assertTrue(e.configError());
    }

    @Test
    void reader_failsOnEmptyFile() throws IOException {
        Path f = CorpusFiles.create().writeTo(dir.resolve("empty.tsv"));
        CorpusException e =
                assertThrows(
                        CorpusException.class,
                        () -> new TsvCorpusReader(f, 0, 1, false, 0.1).read(p -> {}));
        assertTrue(e.getMessage().contains("no usable sentence pairs"), e.getMessage());
    }

    @Test
    void anki_rejectsColumnsBeyondTheSecond() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new TsvCorpusReader(dir.resolve("x"), 0, 2, true, 0.1));
    }
}
