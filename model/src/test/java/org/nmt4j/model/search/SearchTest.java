package org.nmt4j.model.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nmt4j.model.CopyTask;
import org.nmt4j.model.GradientMode;
import org.nmt4j.model.Seq2SeqTransformer;
import org.nmt4j.model.TransformerDecoder;

/**
 * Greedy and beam search on a real {@link Seq2SeqTransformer}, trained here on the copy task (about
 * 10 s) so that the outputs are real, EOS-terminated sentences rather than noise: one learning
 * smoke test per search, and what depends on the model (its KV cache, batch invariance, attention,
 * freed arrays, autograd). The exact expectations of the searches themselves (paths, scores, n-best
 * order, EOS, length limits, row reordering) are in {@link GreedySearchTest} and {@link
 * BeamSearchTest}, against a scripted decoder.
 */
class SearchTest {
    private static final int VOCAB = 24;
    private static final DecodeConfig GREEDY = new DecodeConfig(1, 0.6, 1.5, 5);
    private static final DecodeConfig BEAM4 = new DecodeConfig(4, 0.6, 1.5, 5, 4);

    private static NDManager manager;
    private static Seq2SeqTransformer model;
    private static TransformerDecoder decoder;
    private static List<int[]> sentences;

    @BeforeAll
    static void trainCopyModel() {
        manager = NDManager.newBaseManager();
        model = CopyTask.train(manager, CopyTask.config(VOCAB, 64), 250, 10, 1);
        decoder = model.decoder(manager);
        sentences = CopyTask.sentences(new Random(7), 64, 1, 10, VOCAB);
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    private static List<List<Hypothesis>> run(
            List<int[]> batch, DecodeConfig config, SearchOptions options) {
        try (NDManager m = manager.newSubManager()) {
            NDArray source = CopyTask.sources(m, batch);
            return Search.create(decoder, config, options).search(source);
        }
    }

    private static List<List<Integer>> best(List<List<Hypothesis>> out) {
        List<List<Integer>> tokens = new ArrayList<>();
        for (List<Hypothesis> h : out) {
            tokens.add(h.get(0).tokenList());
        }
        return tokens;
    }

    @Test
    void trainedCopyModel_greedyCopiesMostSentences_endingWithEos() {
        List<List<Hypothesis>> out = run(sentences, GREEDY, SearchOptions.DEFAULT);
        int exact = 0;
        int finished = 0;
        for (int i = 0; i < sentences.size(); i++) {
            Hypothesis h = out.get(i).get(0);
            exact += Arrays.equals(sentences.get(i), h.tokens()) ? 1 : 0;
            finished += h.finished() ? 1 : 0;
        }
        assertTrue(exact >= 40, "the copy model should copy most sentences, copied " + exact);
        assertTrue(finished >= 60, "most outputs should end with EOS, " + finished + " did");
    }

    @Test
    void trainedCopyModel_beamCopiesMostSentences_endingWithEos() {
        List<List<Hypothesis>> out = run(sentences, BEAM4, SearchOptions.DEFAULT);
        int exact = 0;
        int finished = 0;
        for (int i = 0; i < sentences.size(); i++) {
            Hypothesis h = out.get(i).get(0);
            exact += Arrays.equals(sentences.get(i), h.tokens()) ? 1 : 0;
            finished += h.finished() ? 1 : 0;
        }
        assertTrue(exact >= 40, "the copy model should copy most sentences, copied " + exact);
        assertTrue(finished >= 60, "most outputs should end with EOS, " + finished + " did");
    }

    @Test
    void cachedDecoding_equalsUncachedDecoding_greedyAndBeam() {
        SearchOptions uncached = SearchOptions.DEFAULT.withCache(false);
        assertEquals(
                best(run(sentences, GREEDY, SearchOptions.DEFAULT)),
                best(run(sentences, GREEDY, uncached)));
        List<List<Hypothesis>> cached = run(sentences.subList(0, 16), BEAM4, SearchOptions.DEFAULT);
        List<List<Hypothesis>> full = run(sentences.subList(0, 16), BEAM4, uncached);
        for (int i = 0; i < cached.size(); i++) {
            assertEquals(cached.get(i).size(), full.get(i).size());
            for (int k = 0; k < cached.get(i).size(); k++) {
                assertEquals(cached.get(i).get(k).tokenList(), full.get(i).get(k).tokenList());
                assertEquals(cached.get(i).get(k).score(), full.get(i).get(k).score(), 1e-3);
            }
        }
    }

    @Test
    void sentence_translatesTheSameAlone_asInABatchOf64MixedLengths() {
        List<List<Integer>> greedyBatch = best(run(sentences, GREEDY, SearchOptions.DEFAULT));
        List<List<Integer>> beamBatch = best(run(sentences, BEAM4, SearchOptions.DEFAULT));
        for (int i : new int[] {0, 5, 17, 63}) {
            List<int[]> alone = List.of(sentences.get(i));
            assertEquals(
                    greedyBatch.get(i), best(run(alone, GREEDY, SearchOptions.DEFAULT)).get(0));
            assertEquals(beamBatch.get(i), best(run(alone, BEAM4, SearchOptions.DEFAULT)).get(0));
        }
    }

    @Test
    void attention_hasOneRowPerOutputStep_overTheSource() {
        List<int[]> two = sentences.subList(0, 2);
        for (DecodeConfig config : List.of(GREEDY, BEAM4)) {
            List<List<Hypothesis>> out =
                    run(two, config, SearchOptions.DEFAULT.withAttention(true));
            int width = Math.max(two.get(0).length, two.get(1).length) + 1;
            for (List<Hypothesis> hyps : out) {
                Hypothesis h = hyps.get(0);
                assertNotNull(h.attention());
                assertEquals(h.tokens().length + (h.finished() ? 1 : 0), h.attention().length);
                for (float[] row : h.attention()) {
                    assertEquals(width, row.length);
                    float sum = 0;
                    for (float p : row) {
                        sum += p;
                    }
                    assertEquals(1f, sum, 1e-3);
                }
            }
        }
    }

    @Test
    void search_freesEveryArrayItCreates_andRestoresTheGradientMode() {
        try (NDManager m = manager.newSubManager()) {
            NDArray source = CopyTask.sources(m, sentences);
            int before = m.getManagedArrays().size();
            boolean gradBefore = JniUtils.isGradMode();
            Search.create(decoder, BEAM4, SearchOptions.DEFAULT.withAttention(true)).search(source);
            Search.create(decoder, GREEDY, SearchOptions.DEFAULT).search(source);
            assertEquals(before, m.getManagedArrays().size(), "arrays left behind by the search");
            assertEquals(gradBefore, JniUtils.isGradMode());
        }
    }

    @Test
    void search_neverOutputsPadOrBos_evenFromAnUntrainedModelThatPrefersThem() {
        try (NDManager m = NDManager.newBaseManager()) {
            ai.djl.engine.Engine.getInstance().setRandomSeed(5);
            Seq2SeqTransformer untrained =
                    new Seq2SeqTransformer(CopyTask.config(VOCAB, 64), model.special());
            untrained.initialize(
                    m,
                    ai.djl.ndarray.types.DataType.FLOAT32,
                    new ai.djl.ndarray.types.Shape(1, 2),
                    new ai.djl.ndarray.types.Shape(1, 2));
            NDArray source = CopyTask.sources(m, sentences.subList(0, 16));
            for (DecodeConfig config : List.of(GREEDY, BEAM4)) {
                for (List<Hypothesis> hyps :
                        Search.create(untrained.decoder(m), config, SearchOptions.DEFAULT)
                                .search(source)) {
                    for (Hypothesis h : hyps) {
                        for (int id : h.tokens()) {
                            assertTrue(
                                    id != model.special().pad() && id != model.special().bos(),
                                    h.toString());
                        }
                    }
                }
            }
        }
    }

    @Test
    @SuppressWarnings("try")
    void gradientMode_turnsAutogradOffInside_andRestoresThePreviousMode() {
        boolean before = JniUtils.isGradMode();
        for (boolean mode : new boolean[] {true, false}) {
            JniUtils.setGradMode(mode);
            try (GradientMode off = GradientMode.off()) {
                assertFalse(JniUtils.isGradMode());
            }
            assertEquals(mode, JniUtils.isGradMode());
        }
        JniUtils.setGradMode(before);
    }

    @Test
    void search_inAThreadWithAutogradOn_givesTheSameTokens_andLeavesTheModeOn() throws Exception {
        List<List<Integer>> expected =
                best(run(sentences.subList(0, 4), GREEDY, SearchOptions.DEFAULT));
        List<List<Integer>> got = new ArrayList<>();
        Thread t =
                new Thread(
                        () -> {
                            JniUtils.setGradMode(true);
                            got.addAll(
                                    best(
                                            run(
                                                    sentences.subList(0, 4),
                                                    GREEDY,
                                                    SearchOptions.DEFAULT)));
                            got.add(List.of(JniUtils.isGradMode() ? 1 : 0));
                        });
        t.start();
        t.join();
        assertEquals(expected, got.subList(0, 4));
        assertEquals(List.of(1), got.get(4), "the thread's grad mode is restored");
    }
}
