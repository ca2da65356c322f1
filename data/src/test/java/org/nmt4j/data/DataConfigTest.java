package org.nmt4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DataConfigTest {
    private static final Path TRAIN = Path.of("corpus/train.tsv");

    private static DataConfig.Builder base() {
        return DataConfig.builder(DataConfig.Format.TSV, TRAIN, "en", "es");
    }

    @Test
    void config_fillsDefaultsForOmittedKeys() {
        DataConfig c =
                new DataConfig(
                        DataConfig.Format.ANKI,
                        TRAIN,
                        null,
                        null,
                        null,
                        "en",
                        "es",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null);
        assertEquals(0, c.sourceColumn());
        assertEquals(1, c.targetColumn());
        assertEquals(64, c.maxTokens());
        assertEquals(9.0, c.maxLengthRatio());
        assertTrue(c.dedup());
        assertEquals(0.05, c.maxBadLineShare());
        assertEquals(4096, c.batchTokens());
        assertTrue(c.splitsTrain());
    }

    static Stream<Arguments> badConfigs() {
        return Stream.of(
                bad("data.format", () -> DataConfig.builder(null, TRAIN, "en", "es").build()),
                bad(
                        "data.train",
                        () -> DataConfig.builder(DataConfig.Format.TSV, null, "en", "es").build()),
                bad(
                        "data.source_lang",
                        () ->
                                DataConfig.builder(DataConfig.Format.TSV, TRAIN, "e n", "es")
                                        .build()),
                bad(
                        "data.target_lang",
                        () -> DataConfig.builder(DataConfig.Format.TSV, TRAIN, "en", null).build()),
                bad(
                        "must differ",
                        () -> DataConfig.builder(DataConfig.Format.TSV, TRAIN, "en", "en").build()),
                bad("data.source_column", () -> base().columns(-1, 1).build()),
                bad(
                        "data.source_column and data.target_column must differ",
                        () -> base().columns(1, 1).build()),
                bad(
                        "format anki",
                        () ->
                                DataConfig.builder(DataConfig.Format.ANKI, TRAIN, "en", "es")
                                        .columns(0, 2)
                                        .build()),
                bad("data.download must be spa-eng", () -> base().download("fra-eng").build()),
                bad("data.max_tokens", () -> base().filters(0, 2).build()),
                bad("data.max_length_ratio", () -> base().filters(10, 0.9).build()),
                bad("data.max_bad_line_share", () -> base().maxBadLineShare(1.5).build()),
                bad("data.dev_fraction", () -> base().split(0, 0.1, 1).build()),
                bad("data.test_fraction", () -> base().split(0.1, -0.1, 1).build()),
                bad(
                        "data.test is given without data.dev",
                        () -> base().test(Path.of("t.tsv")).build()),
                bad("data.batch_tokens", () -> base().filters(64, 2).batchTokens(100).build()));
    }

    private static Arguments bad(String key, Supplier<DataConfig> make) {
        return Arguments.of(key, make);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badConfigs")
    void config_rejectsBadValue_withAMessageNamingTheKey(String key, Supplier<DataConfig> make) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, make::get);
        assertTrue(e.getMessage().contains(key), e.getMessage());
    }

    @Test
    void format_parsesAnyCase_andListsChoicesOtherwise() {
        assertEquals(DataConfig.Format.ALIGNED, DataConfig.Format.parse("Aligned"));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> DataConfig.Format.parse("csv"));
        assertTrue(e.getMessage().contains("anki, tsv or aligned"));
    }

    @Test
    void aligned_prefixNamesOneFilePerLanguage() {
        DataConfig c =
                DataConfig.builder(DataConfig.Format.ALIGNED, Path.of("d/train"), "en", "es")
                        .build();
        assertEquals(Path.of("d/train.en"), c.alignedFile(c.train(), c.sourceLang()));
        assertEquals(Path.of("d/train.es"), c.alignedFile(c.train(), c.targetLang()));
    }

    @Test
    void resolveAgainst_makesRelativePathsAbsolute_andKeepsEverythingElse() {
        DataConfig c =
                base().dev(Path.of("dev.tsv"))
                        .download("spa-eng")
                        .batchTokens(2000)
                        .build()
                        .resolveAgainst(Path.of("/base"));
        assertEquals(Path.of("/base/corpus/train.tsv"), c.train());
        assertEquals(Path.of("/base/dev.tsv"), c.dev());
        assertEquals(2000, c.batchTokens());
        assertEquals("spa-eng", c.download());
    }
}
