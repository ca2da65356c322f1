package org.nmt4j.text.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nmt4j.text.score.SacreBleuFixtures.expected;
import static org.nmt4j.text.score.SacreBleuFixtures.expectedDouble;
import static org.nmt4j.text.score.SacreBleuFixtures.expectedDoubles;
import static org.nmt4j.text.score.SacreBleuFixtures.expectedLongs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Corpus BLEU and chrF against sacreBLEU 2.6.0's own figures (see {@link SacreBleuFixtures}): every
 * statistic exactly, scores, precisions, brevity penalty and ratio to 1e-9, and the printed lines
 * and signatures character for character.
 */
class SacreBleuAgreementTest {

    private static final double TOLERANCE = 1e-9;

    @Test
    void scores_matchSacreBleu_onPerfectMatch() throws IOException {
        assertAgreesWithSacreBleu("perfect_match");
        assertEquals(
                100.0,
                Bleu.corpusScore(hyps("perfect_match"), refs("perfect_match")).score(),
                TOLERANCE);
    }

    @Test
    void scores_matchSacreBleu_whenSomeHypothesesAreEmpty() throws IOException {
        assertAgreesWithSacreBleu("empty_hypotheses");
    }

    @Test
    void scores_matchSacreBleu_whenEveryHypothesisIsEmpty() throws IOException {
        assertAgreesWithSacreBleu("all_hypotheses_empty");
    }

    @Test
    void scores_matchSacreBleu_withMissingReferencesAndVaryingCountsPerLine() throws IOException {
        assertAgreesWithSacreBleu("multi_reference_missing");
        assertEquals(Bleu.signature("var"), expected("multi_reference_missing.bleu.signature"));
    }

    @Test
    void scores_matchSacreBleu_withTwoCompleteReferences() throws IOException {
        assertAgreesWithSacreBleu("multi_reference_complete");
    }

    @Test
    void scores_matchSacreBleu_withSpanishPunctuationAndAccents() throws IOException {
        assertAgreesWithSacreBleu("spanish_punctuation");
    }

    @Test
    void scores_matchSacreBleu_whereThirteenASplitsNumbersSymbolsAndEntities() throws IOException {
        assertAgreesWithSacreBleu("numbers_and_punctuation");
    }

    @Test
    void scores_matchSacreBleu_withUnicodeSpacesEmojiAndCombiningMarks() throws IOException {
        assertAgreesWithSacreBleu("unicode_whitespace");
    }

    @Test
    void scores_matchSacreBleu_withCrlfAndLoneCrLineEnds() throws IOException {
        assertAgreesWithSacreBleu("crlf_line_endings");
    }

    @Test
    void scores_matchSacreBleu_choosingTheBestOfReferencesShorterThanSixCharacters()
            throws IOException {
        assertAgreesWithSacreBleu("short_references");
    }

    @Test
    void scores_matchSacreBleu_whenLinesWithoutAnyReferenceGetAnEmptyOne() throws IOException {
        assertAgreesWithSacreBleu("blank_reference_lines");
    }

    @Test
    void scores_matchSacreBleu_onFortyPerturbedSentences() throws IOException {
        assertAgreesWithSacreBleu("perturbed_sentences");
    }

    @Test
    void scores_matchSacreBleu_whenHigherOrderNgramsNeverMatchAndExpSmoothingApplies()
            throws IOException {
        assertAgreesWithSacreBleu("scrambled_word_order");
    }

    @Test
    void scores_matchSacreBleu_whenNoHypothesisHasFourTokens() throws IOException {
        assertAgreesWithSacreBleu("hypotheses_shorter_than_four_tokens");
    }

    @Test
    void everyFixtureDirectory_hasSacreBleuFiguresAndMatchesThem() throws IOException {
        assertEquals(caseDirectories(), new TreeSet<>(SacreBleuFixtures.caseNames()));
        for (String name : SacreBleuFixtures.caseNames()) {
            assertAgreesWithSacreBleu(name);
        }
    }

    private static void assertAgreesWithSacreBleu(String name) throws IOException {
        SacreBleuFixtures.Case c = SacreBleuFixtures.readCase(name);
        assertBleu(name + ".bleu.", Bleu.corpusScore(c.hyps(), c.refs()));
        assertChrF(name + ".chrf.", ChrF.corpusScore(c.hyps(), c.refs()));
    }

    private static void assertBleu(String key, BleuScore bleu) {
        assertEquals(expectedLongs(key + "counts"), bleu.counts(), key + "counts");
        assertEquals(expectedLongs(key + "totals"), bleu.totals(), key + "totals");
        assertEquals(Long.parseLong(expected(key + "sys_len")), bleu.sysLen(), key + "sys_len");
        assertEquals(Long.parseLong(expected(key + "ref_len")), bleu.refLen(), key + "ref_len");
        List<Double> precisions = expectedDoubles(key + "precisions");
        for (int n = 0; n < Bleu.MAX_ORDER; n++) {
            assertEquals(precisions.get(n), bleu.precisions().get(n), TOLERANCE, key + n);
        }
        assertEquals(expectedDouble(key + "bp"), bleu.bp(), TOLERANCE, key + "bp");
        assertEquals(expectedDouble(key + "ratio"), bleu.ratio(), TOLERANCE, key + "ratio");
        assertEquals(expectedDouble(key + "score"), bleu.score(), TOLERANCE, key + "score");
        assertEquals(expected(key + "signature"), bleu.signature(), key + "signature");
        assertEquals(expected(key + "line"), bleu.toString(), key + "line");
    }

    private static void assertChrF(String key, ChrFScore chrf) {
        List<Long> stats = new ArrayList<>();
        for (ChrFScore.OrderStats o : chrf.orders()) {
            stats.addAll(List.of(o.hyp(), o.ref(), o.match()));
        }
        assertEquals(expectedLongs(key + "stats"), stats, key + "stats");
        assertEquals(expectedDouble(key + "score"), chrf.score(), TOLERANCE, key + "score");
        assertEquals(expected(key + "signature"), chrf.signature(), key + "signature");
        assertEquals(expected(key + "line"), chrf.toString(), key + "line");
    }

    private static List<String> hyps(String name) throws IOException {
        return SacreBleuFixtures.readCase(name).hyps();
    }

    private static List<List<String>> refs(String name) throws IOException {
        return SacreBleuFixtures.readCase(name).refs();
    }

    private static Set<String> caseDirectories() throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> dirs = Files.list(SacreBleuFixtures.directory(""))) {
            dirs.filter(d -> Files.isRegularFile(d.resolve("hyp.txt")))
                    .forEach(d -> names.add(d.getFileName().toString()));
        }
        return names;
    }
}
