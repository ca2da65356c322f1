package org.nmt4j.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nmt4j.model.CopyTask;
import org.nmt4j.model.Seq2SeqTransformer;
import org.nmt4j.model.search.DecodeConfig;
import org.nmt4j.model.search.EnsembleDecoder;
import org.nmt4j.text.SpecialTokens;

class SentenceTranslatorTest {
    private static final DecodeConfig GREEDY = new DecodeConfig(1, 0.6, 1.5, 5);
    private static final DecodeConfig BEAM4 = new DecodeConfig(4, 0.6, 1.5, 5, 3);

    @RegisterExtension static final OpenCopyModel COPY = new OpenCopyModel();

    private static SentenceTranslator translator(DecodeConfig decode, TranslatorOptions options) {
        return COPY.translator(decode, options);
    }

    private static String alone(SentenceTranslator t, String line) {
        return t.translate(List.of(line)).get(0).text();
    }

    private static List<String> texts(List<Translation> translations) {
        return translations.stream().map(Translation::text).toList();
    }

    /** The lines of {@link TestTexts#mixed64()} that fit the model in one part. */
    private static List<String> linesThatFit() {
        int limit = CopyModel.MAX_POSITIONS - 1;
        return TestTexts.mixed64().stream()
                .filter(l -> COPY.tokenizers().source().encode(l).length <= limit)
                .toList();
    }

    /**
     * Checks each translation against the one worked out by hand for a scripted copy model whose
     * copied id has probability {@code p} at every step: the line's round trip through the
     * tokenizer, scored {@code (n + 1)·ln p / lp(n + 1)} for n pieces (EOS counted).
     */
    private static void assertScriptedCopies(
            List<String> lines, List<Translation> out, double p, DecodeConfig decode) {
        assertEquals(lines.size(), out.size());
        for (int i = 0; i < lines.size(); i++) {
            int[] ids = COPY.tokenizers().source().encode(lines.get(i));
            if (ids.length == 0) {
                assertEquals(Translation.EMPTY, out.get(i), "line " + i);
                continue;
            }
            int steps = ids.length + 1;
            double score = steps * Math.log(p) / decode.lengthPenaltyFactor(steps);
            assertEquals(COPY.tokenizers().target().decode(ids), out.get(i).text(), "line " + i);
            assertEquals(score, out.get(i).score(), 1e-4, "score of line " + i);
            assertEquals(ids.length, out.get(i).targetTokens(), "line " + i);
        }
    }

    @Test
    void scriptedCopyModel_givesEachLineTheTranslationAndScoreWorkedOutByHand_greedyAndBeam() {
        int vocab = COPY.tokenizers().source().vocabSize();
        ScriptedCopyDecoder model = new ScriptedCopyDecoder(vocab, CopyModel.MAX_POSITIONS, 0.8);
        List<String> lines = linesThatFit();
        assertTrue(lines.size() > 50, "most of the 64 lines fit: " + lines.size());
        for (DecodeConfig decode : List.of(GREEDY, BEAM4)) {
            SentenceTranslator t =
                    new SentenceTranslator(
                            model, COPY.tokenizers(), decode, new TranslatorOptions(300, false));
            assertScriptedCopies(lines, t.translate(lines), 0.8, decode);
        }
    }

    @Test
    void ensembleOfTwoScriptedModels_translatesWithTheMeanOfTheirProbabilities() {
        int vocab = COPY.tokenizers().source().vocabSize();
        EnsembleDecoder both =
                new EnsembleDecoder(
                        List.of(
                                new ScriptedCopyDecoder(vocab, CopyModel.MAX_POSITIONS, 0.8),
                                new ScriptedCopyDecoder(vocab, CopyModel.MAX_POSITIONS, 0.6)));
        List<String> lines = linesThatFit();
        for (DecodeConfig decode : List.of(GREEDY, BEAM4)) {
            SentenceTranslator t =
                    new SentenceTranslator(
                            both, COPY.tokenizers(), decode, TranslatorOptions.DEFAULT);
            // the mean of .8 and .6 at every step
            assertScriptedCopies(lines, t.translate(lines), 0.7, decode);
        }
    }

    @Test
    void translate_givesOneOutputPerLine_inInputOrder_eachAsTranslatedAlone() {
        List<String> lines = TestTexts.mixed64();
        SentenceTranslator t = translator(GREEDY, TranslatorOptions.DEFAULT);
        List<String> out = texts(t.translate(lines));
        assertEquals(lines.size(), out.size());
        for (int i = 0; i < lines.size(); i++) {
            // A call with one line cannot mix lines up; the search is batch-invariant.
            assertEquals(alone(t, lines.get(i)), out.get(i), "line " + i);
        }
    }

    @Test
    void sentence_translatesTheSameAlone_asInABatchOf64MixedLengthSentences() {
        List<String> lines = TestTexts.mixed64();
        for (DecodeConfig decode : List.of(GREEDY, BEAM4)) {
            SentenceTranslator t = translator(decode, TranslatorOptions.DEFAULT);
            List<Translation> batch = t.translate(lines);
            for (int i : new int[] {0, 13, 29, 40, 63}) {
                Translation alone = t.translate(List.of(lines.get(i))).get(0);
                assertEquals(batch.get(i).alternatives(), alone.alternatives(), "line " + i);
            }
        }
    }

    @Test
    void tokenBudget_changesTheBatches_butNotTheTranslations() {
        List<String> lines = TestTexts.mixed64();
        List<String> oneByOne =
                texts(translator(GREEDY, new TranslatorOptions(1, false)).translate(lines));
        List<String> oneBatch =
                texts(translator(GREEDY, new TranslatorOptions(100_000, false)).translate(lines));
        assertEquals(oneBatch, oneByOne);
    }

    @Test
    void stopRequest_endsTheTranslationBeforeTheNextBatch_withACancellation() {
        List<String> lines = TestTexts.mixed64();
        SentenceTranslator oneLinePerBatch = translator(GREEDY, new TranslatorOptions(1, false));
        int[] completed = {0};
        TranslationListener stopAfterThree =
                new TranslationListener() {
                    @Override
                    public void linesCompleted(int n) {
                        completed[0] += n;
                    }

                    @Override
                    public boolean stopRequested() {
                        return completed[0] >= 3;
                    }
                };
        assertThrows(
                CancellationException.class,
                () -> oneLinePerBatch.translate(lines, 1, stopAfterThree));
        assertEquals(3, completed[0], "three batches of one line ran, then it stopped");
    }

    @Test
    void emptyBlankAndUndecodableLines_giveEmptyTranslations_inTheirPlaces() {
        List<String> lines =
                Arrays.asList(
                        "the cat sat on the mat.", "", "  \t ", null, "we eat fish on friday.");
        SentenceTranslator t = translator(GREEDY, TranslatorOptions.DEFAULT);
        List<Translation> out = t.translate(lines);
        assertEquals(5, out.size());
        assertEquals(alone(t, lines.get(0)), out.get(0).text());
        for (int i = 1; i <= 3; i++) {
            assertEquals("", out.get(i).text());
            assertEquals(0, out.get(i).parts());
        }
        assertEquals(alone(t, lines.get(4)), out.get(4).text());
        assertFalse(out.get(4).text().isEmpty());
    }

    @Test
    void lineLongerThanTheModel_isSplitAtSentenceBoundaries_andReportedWithItsLineNumber() {
        String longLine = String.join(" ", TestTexts.sentences().subList(0, 6));
        SentenceTranslator t = translator(GREEDY, TranslatorOptions.DEFAULT);
        int pieces = COPY.tokenizers().source().encode(longLine).length;
        assertTrue(pieces > t.maxSourcePieces(), "the test line must be too long: " + pieces);
        List<long[]> reports = new ArrayList<>();
        TranslationListener listener =
                new TranslationListener() {
                    @Override
                    public void lineSplit(
                            long line, int tokens, int limit, int parts, boolean cut) {
                        reports.add(new long[] {line, tokens, limit, parts, cut ? 1 : 0});
                    }
                };
        List<Translation> out =
                t.translate(List.of("the cat sat on the mat.", longLine), 41, listener);
        assertEquals(1, reports.size());
        assertEquals(42, reports.get(0)[0], "the line number is reported");
        assertEquals(pieces, reports.get(0)[1]);
        assertEquals(CopyModel.MAX_POSITIONS - 1, reports.get(0)[2]);
        assertEquals(0, reports.get(0)[4], "no sentence had to be cut");
        Translation split = out.get(1);
        assertEquals(reports.get(0)[3], split.parts());
        assertTrue(split.parts() >= 2);
        assertEquals(pieces, split.sourceTokens(), "every piece was translated");
        assertTrue(split.text().startsWith(alone(t, "the cat sat on the mat.")), split.text());
    }

    @Test
    void nbest_givesDistinctAlternatives_bestFirst() {
        List<Translation> out =
                translator(BEAM4, TranslatorOptions.DEFAULT).translate(TestTexts.sentences());
        for (Translation t : out) {
            assertEquals(3, t.alternatives().size());
            assertEquals(t.text(), t.alternatives().get(0));
            assertEquals(
                    3, t.alternatives().stream().distinct().count(), t.alternatives().toString());
            assertEquals(3, t.scores().size());
            assertEquals(t.score(), t.scores().get(0));
            assertTrue(
                    t.scores().get(0) >= t.scores().get(1)
                            && t.scores().get(1) >= t.scores().get(2),
                    "scores best first: " + t.scores());
        }
    }

    @Test
    void score_isTheLogProbabilityDividedByTheGnmtLengthPenalty_andZeroForAnEmptyLine() {
        DecodeConfig raw = new DecodeConfig(1, 0.0, 1.5, 5);
        List<String> lines = TestTexts.sentences().subList(0, 8);
        List<Translation> plain = translator(raw, TranslatorOptions.DEFAULT).translate(lines);
        List<Translation> penalised =
                translator(GREEDY, TranslatorOptions.DEFAULT).translate(lines);
        for (int i = 0; i < lines.size(); i++) {
            Translation p = plain.get(i);
            assertEquals(p.text(), penalised.get(i).text(), "greedy ignores the penalty");
            assertTrue(p.score() < 0 && Double.isFinite(p.score()), "log-probability " + p);
            // the copy model ends every sentence with EOS, which the penalty's length counts
            double factor = Math.pow((5.0 + p.targetTokens() + 1) / 6.0, 0.6);
            assertEquals(p.score() / factor, penalised.get(i).score(), 1e-5, lines.get(i));
        }
        Translation empty =
                translator(GREEDY, TranslatorOptions.DEFAULT).translate(List.of(" ")).get(0);
        assertEquals(List.of(0.0), empty.scores());
    }

    @Test
    void attention_givesOneRowPerTargetPiece_andOneColumnPerSourcePiece() {
        String line = "the bird sings in the tree.";
        Translation t =
                translator(GREEDY, new TranslatorOptions(4000, true))
                        .translate(List.of(line))
                        .get(0);
        assertEquals(1, t.attention().size());
        AttentionMap map = t.attention().get(0);
        assertEquals(COPY.tokenizers().source().pieces(line).size() + 1, map.sourcePieces().size());
        assertEquals("</s>", map.sourcePieces().get(map.sourcePieces().size() - 1));
        assertEquals(t.targetTokens() + 1, map.targetPieces().size());
        for (float[] row : map.weights()) {
            double sum = 0;
            for (float w : row) {
                sum += w;
            }
            assertEquals(1.0, sum, 1e-3);
        }
    }

    @Test
    void tokenizerOfAnotherVocabulary_isRejected_namingTheTokenizerFile() {
        try (NDManager m = NDManager.newBaseManager()) {
            Seq2SeqTransformer other =
                    new Seq2SeqTransformer(CopyTask.config(50, 32), SpecialTokens.DEFAULT);
            other.initialize(m, DataType.FLOAT32, new Shape(1, 2), new Shape(1, 2));
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    new SentenceTranslator(
                                            other.decoder(m),
                                            COPY.tokenizers(),
                                            GREEDY,
                                            TranslatorOptions.DEFAULT));
            assertTrue(
                    e.getMessage().contains("tokenizer.model") && e.getMessage().contains("50"),
                    e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
        }
    }
}
