package org.nmt4j.model.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nmt4j.model.search.ScriptedDecoder.A;
import static org.nmt4j.model.search.ScriptedDecoder.B;
import static org.nmt4j.model.search.ScriptedDecoder.C;
import static org.nmt4j.model.search.ScriptedDecoder.D;
import static org.nmt4j.model.search.ScriptedDecoder.EOS;
import static org.nmt4j.model.search.SearchScripts.P;
import static org.nmt4j.model.search.SearchScripts.Q;
import static org.nmt4j.model.search.SearchScripts.R;
import static org.nmt4j.model.search.SearchScripts.assertAttentionFollowsTheHypothesis;
import static org.nmt4j.model.search.SearchScripts.assertHypothesis;
import static org.nmt4j.model.search.SearchScripts.assertSameHypotheses;
import static org.nmt4j.model.search.SearchScripts.ln;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nmt4j.model.IncrementalDecoder;
import org.nmt4j.model.StepScores;
import org.nmt4j.text.SpecialTokens;

/**
 * Ensembles of {@link ScriptedDecoder}s: an ensemble of one finds exactly what its model finds, and
 * an ensemble of two searches the mean of the members' probabilities, worked out by hand below.
 *
 * <pre>
 * P = [A B]   first (SearchScripts)      second (below)        mean of the two
 *   []      → A .5  B .4  EOS .1          A .1  B .3  C .5  EOS .1   A .3  B .35  C .25  EOS .1
 *   [A]     → C .5  D .3  EOS .2          C .5  D .5                 C .5  D .4   EOS .1
 *   [B]     → EOS .6  C .4                EOS .2  C .8               EOS .4  C .6
 *   [A C]   → EOS .8  B .2                EOS .6  B .4               EOS .7  B .3
 *   [B C]   → EOS .75  A .25              EOS .95  A .05             EOS .85  A .15
 *   [C]     → (not scripted)              EOS 1
 * </pre>
 *
 * Greedy: the first alone says [A C], the second alone [C], the ensemble [B C] (B .35, then C .6,
 * then EOS .85): neither member's choice, so the mean is what ran.
 */
class EnsembleDecoderTest {
    /** α = 1; at most floor(0.75·S) + 2 tokens: 4 for P and R, 3 for Q. */
    private static final DecodeConfig GREEDY = new DecodeConfig(1, 1.0, 0.75, 2);

    private static final DecodeConfig BEAM2 = new DecodeConfig(2, 1.0, 0.75, 2, 2);

    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    private static ScriptedDecoder second() {
        return new ScriptedDecoder(32)
                .on(P, new int[] {}, A, .1, B, .3, C, .5, EOS, .1)
                .on(P, new int[] {A}, C, .5, D, .5)
                .on(P, new int[] {B}, EOS, .2, C, .8)
                .on(P, new int[] {A, C}, EOS, .6, B, .4)
                .on(P, new int[] {B, C}, EOS, .95, A, .05)
                .on(P, new int[] {C}, EOS, 1);
    }

    private static List<List<Hypothesis>> search(
            IncrementalDecoder<?, ?> decoder,
            DecodeConfig config,
            SearchOptions options,
            int[]... batch) {
        try (NDManager m = manager.newSubManager()) {
            return Search.create(decoder, config, options)
                    .search(ScriptedDecoder.sources(m, batch));
        }
    }

    @ParameterizedTest(name = "cached={0}")
    @ValueSource(booleans = {true, false})
    void ensembleOfOne_findsExactlyWhatItsModelFinds_greedyAndBeam(boolean cached) {
        SearchOptions options = SearchOptions.DEFAULT.withCache(cached).withAttention(true);
        for (DecodeConfig config : List.of(GREEDY, BEAM2)) {
            List<List<Hypothesis>> alone =
                    search(SearchScripts.decoder(32), config, options, P, Q, R);
            ScriptedDecoder member = SearchScripts.decoder(32);
            List<List<Hypothesis>> ensemble =
                    search(new EnsembleDecoder(List.of(member)), config, options, P, Q, R);
            assertSameHypotheses(alone, ensemble);
            for (List<Hypothesis> hyps : ensemble) {
                for (Hypothesis h : hyps) {
                    assertAttentionFollowsTheHypothesis(h, 3);
                }
            }
            assertTrue(member.everyStateClosed(), "every state of the member closed");
        }
    }

    @Test
    void step_isTheLogOfTheMembersMeanProbability_andMinusInfinityWhereAllGiveZero() {
        EnsembleDecoder ensemble =
                new EnsembleDecoder(List.of(SearchScripts.decoder(32), second()));
        try (NDManager m = manager.newSubManager()) {
            EnsembleDecoder.Sources source = ensemble.encode(ScriptedDecoder.sources(m, P));
            NDArray bos = m.create(new long[] {ScriptedDecoder.BOS}, new Shape(1, 1));
            try (EnsembleDecoder.Caches cache = ensemble.newCache()) {
                StepScores s = ensemble.decodeStep(source, bos, cache, false);
                float[] lp = s.logProbs().toFloatArray();
                assertEquals(ln(.3), lp[A], 1e-6);
                assertEquals(ln(.35), lp[B], 1e-6);
                assertEquals(ln(.25), lp[C], 1e-6);
                assertEquals(ln(.1), lp[EOS], 1e-6);
                assertEquals(Float.NEGATIVE_INFINITY, lp[D], "D: probability 0 in both");
            }
            source.close();
        }
    }

    @ParameterizedTest(name = "cached={0}")
    @ValueSource(booleans = {true, false})
    void greedyEnsembleOfTwo_followsTheMeanProbability_whereNeitherMemberAloneWould(
            boolean cached) {
        SearchOptions options = SearchOptions.DEFAULT.withCache(cached);
        Hypothesis first = search(SearchScripts.decoder(32), GREEDY, options, P).get(0).get(0);
        Hypothesis other = search(second(), GREEDY, options, P).get(0).get(0);
        ScriptedDecoder a = SearchScripts.decoder(32);
        ScriptedDecoder b = second();
        Hypothesis both =
                search(new EnsembleDecoder(List.of(a, b)), GREEDY, options, P).get(0).get(0);
        assertEquals(List.of(A, C), first.tokenList());
        assertEquals(List.of(C), other.tokenList());
        double logP = ln(.35) + ln(.6) + ln(.85);
        assertHypothesis(new int[] {B, C}, logP, logP / (8 / 6.0), true, both);
        assertTrue(a.everyStateClosed() && b.everyStateClosed(), "every member state closed");
    }

    /*
     * Beam, K = 2, on the mean table:
     *   step 1: B .35, A .3 become the beams (C .25, EOS .1 after them).
     *   step 2: B C .21, A C .15, B EOS .14 (3rd: not among the first K), A D .12
     *           → beams [B C], [A C].
     *   step 3: B C EOS .21·.85 = .1785, A C EOS .15·.7 = .105: both finished, P is done.
     * Each member's cache must follow the beams: [A C] and [B C] are scripted differently.
     */
    @ParameterizedTest(name = "cached={0}")
    @ValueSource(booleans = {true, false})
    void beamEnsembleOfTwo_reordersEveryMembersCacheWithTheBeams(boolean cached) {
        ScriptedDecoder a = SearchScripts.decoder(32);
        ScriptedDecoder b = second();
        List<Hypothesis> out =
                search(
                                new EnsembleDecoder(List.of(a, b)),
                                BEAM2,
                                SearchOptions.DEFAULT.withCache(cached),
                                P)
                        .get(0);
        assertEquals(2, out.size());
        double bc = ln(.35) + ln(.6) + ln(.85);
        double ac = ln(.3) + ln(.5) + ln(.7);
        assertHypothesis(new int[] {B, C}, bc, bc / (8 / 6.0), true, out.get(0));
        assertHypothesis(new int[] {A, C}, ac, ac / (8 / 6.0), true, out.get(1));
        assertEquals(List.of(2, 2, 2), a.rowsPerStep());
        assertEquals(a.rowsPerStep(), b.rowsPerStep());
        assertTrue(a.everyStateClosed() && b.everyStateClosed(), "every member state closed");
    }

    @Test
    void membersWithDifferentTargetVocabularies_areRefused_inOneLine() {
        IncrementalDecoder<?, ?> wider = new Resized(SearchScripts.decoder(32), 9);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new EnsembleDecoder(List.of(SearchScripts.decoder(32), wider)));
        assertEquals(
                "ensemble models must share the target vocabulary size: model 1 has 8, model 2"
                        + " has 9; ensemble only models trained with the same tokenizer",
                e.getMessage());
    }

    @Test
    void anEmptyEnsemble_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> new EnsembleDecoder(List.of()));
    }

    /** A scripted decoder that claims another target vocabulary size. */
    private record Resized(ScriptedDecoder inner, int targetVocab)
            implements IncrementalDecoder<ScriptedDecoder.Source, ScriptedDecoder.Cache> {
        @Override
        public SpecialTokens special() {
            return inner.special();
        }

        @Override
        public int sourceVocabSize() {
            return inner.sourceVocabSize();
        }

        @Override
        public int targetVocabSize() {
            return targetVocab;
        }

        @Override
        public int maxPositions() {
            return inner.maxPositions();
        }

        @Override
        public Device device() {
            return inner.device();
        }

        @Override
        public ScriptedDecoder.Source encode(NDArray source) {
            return inner.encode(source);
        }

        @Override
        public ScriptedDecoder.Cache newCache() {
            return inner.newCache();
        }

        @Override
        public StepScores decodeStep(
                ScriptedDecoder.Source source,
                NDArray input,
                ScriptedDecoder.Cache cache,
                boolean attention) {
            return inner.decodeStep(source, input, cache, attention);
        }
    }
}
