package org.nmt4j.model.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nmt4j.model.search.ScriptedDecoder.A;
import static org.nmt4j.model.search.ScriptedDecoder.B;
import static org.nmt4j.model.search.ScriptedDecoder.C;
import static org.nmt4j.model.search.ScriptedDecoder.D;
import static org.nmt4j.model.search.SearchScripts.P;
import static org.nmt4j.model.search.SearchScripts.Q;
import static org.nmt4j.model.search.SearchScripts.R;
import static org.nmt4j.model.search.SearchScripts.Y;
import static org.nmt4j.model.search.SearchScripts.Z;
import static org.nmt4j.model.search.SearchScripts.assertAttentionFollowsTheHypothesis;
import static org.nmt4j.model.search.SearchScripts.assertHypothesis;
import static org.nmt4j.model.search.SearchScripts.assertSameHypotheses;
import static org.nmt4j.model.search.SearchScripts.ln;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Beam search against the {@link ScriptedDecoder} tables of {@link SearchScripts}: every expected
 * hypothesis, log-probability and score below is worked out by hand from those tables. Reminder of
 * the rules the arithmetic follows: the 2K best (beam, token) extensions of a sentence are taken by
 * total log-probability; an EOS among the first K of them ends a hypothesis; the first K others
 * become the beams; a sentence is done with K finished hypotheses, or cut at its length limit.
 */
class BeamSearchTest {
    /** K = 2, n-best 2, α = 1; at most floor(0.75·S) + 2 tokens: 4 for P and R, 3 for Q and Z. */
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

    private static List<List<Hypothesis>> beam(
            ScriptedDecoder decoder, DecodeConfig config, SearchOptions options, int[]... batch) {
        try (NDManager m = manager.newSubManager()) {
            return new BeamSearch(decoder, config, options)
                    .search(ScriptedDecoder.sources(m, batch));
        }
    }

    private static List<Hypothesis> beamAlone(DecodeConfig config, int[] sentence) {
        return beam(SearchScripts.decoder(32), config, SearchOptions.DEFAULT, sentence).get(0);
    }

    /*
     * P with K = 2, step by step (products of table entries):
     *   step 1: A .5, B .4 become the beams; EOS .1 is 3rd, not among the first K: ignored.
     *   step 2: A C .25, B EOS .24, B C .16, A D .15, A EOS .1
     *           → beams [A C], [B C]; [B] finished with .24 (EOS 2nd).
     *   step 3: A C EOS .2, B C EOS .12, A C B .05, B C A .04
     *           → [A C] .2 and [B C] .12 finished: 3 ≥ K, P is done.
     * Scores with α = 1: [A C] ln .2 / (8/6) = -1.2071, [B] ln .24 / (7/6) = -1.2232,
     * [B C] ln .12 / (8/6) = -1.5902.
     */

    @ParameterizedTest(name = "cached={0}")
    @ValueSource(booleans = {true, false})
    void beam_findsWhatGreedyMisses_rankedByTheGnmtLengthPenalty(boolean cached) {
        ScriptedDecoder decoder = SearchScripts.decoder(32);
        List<Hypothesis> out =
                beam(decoder, BEAM2, SearchOptions.DEFAULT.withCache(cached), P).get(0);
        assertEquals(2, out.size());
        assertHypothesis(new int[] {A, C}, ln(.2), ln(.2) / (8 / 6.0), true, out.get(0));
        assertHypothesis(new int[] {B}, ln(.24), ln(.24) / (7 / 6.0), true, out.get(1));
        assertEquals(List.of(2, 2, 2), decoder.rowsPerStep(), "done after step 3");
        assertEquals(cached ? List.of(1, 1, 1) : List.of(1, 2, 3), decoder.inputWidths());
    }

    @Test
    void eosRankedBelowTheFirstK_endsNoHypothesis_evenWhenFewerThanKBeamsWereTaken() {
        // Y, K = 2: step 1: A .5, B .3 beams. Step 2: A EOS .30 (1st, finished), A C .20 (beam),
        // B EOS .18 (3rd: not among the first K, not a hypothesis), B D .12 (beam).
        // Step 3: A C EOS .18, B D EOS .09 finished → 3 ≥ K, done.
        // α = 1: [A] ln .3 / (7/6) = -1.0320, [A C] ln .18 / (8/6) = -1.2861; taking [B] would
        // have ended Y at step 2 with [A] and [B] (ln .18 / (7/6) = -1.4698).
        ScriptedDecoder decoder = SearchScripts.decoder(32);
        List<Hypothesis> out = beam(decoder, BEAM2, SearchOptions.DEFAULT, Y).get(0);
        assertHypothesis(new int[] {A}, ln(.3), ln(.3) / (7 / 6.0), true, out.get(0));
        assertHypothesis(new int[] {A, C}, ln(.18), ln(.18) / (8 / 6.0), true, out.get(1));
        assertEquals(List.of(2, 2, 2), decoder.rowsPerStep());
    }

    @Test
    void lengthPenaltyZero_ranksByLogProbability_favouringTheShortHypothesis() {
        // The same search as above; with α = 0 the score is the log-probability: [B] .24 > [A C]
        // .2.
        List<Hypothesis> out = beamAlone(new DecodeConfig(2, 0.0, 0.75, 2, 2), P);
        assertHypothesis(new int[] {B}, ln(.24), ln(.24), true, out.get(0));
        assertHypothesis(new int[] {A, C}, ln(.2), ln(.2), true, out.get(1));
    }

    @Test
    void nbest_returnsTheBestFinishedHypotheses_bestFirst_withBeamThree() {
        // P with K = 3:
        //   step 1: A .5, B .4 beams; EOS .1 is 3rd, among the first K: [] finished with .1.
        //   step 2: A C .25, B EOS .24 (finished), B C .16, A D .15 → beams [A C], [B C], [A D].
        //   step 3: A C EOS .2, B C EOS .12, A D EOS .09 all finished: 5 ≥ K, done.
        // α = 1: [A C] -1.2071, [B] -1.2232, [B C] -1.5902, [A D] ln .09 / (8/6) = -1.8060,
        // [] ln .1 / 1 = -2.3026.
        List<Hypothesis> three = beamAlone(new DecodeConfig(3, 1.0, 0.75, 2, 3), P);
        assertEquals(3, three.size());
        assertHypothesis(new int[] {A, C}, ln(.2), ln(.2) / (8 / 6.0), true, three.get(0));
        assertHypothesis(new int[] {B}, ln(.24), ln(.24) / (7 / 6.0), true, three.get(1));
        assertHypothesis(new int[] {B, C}, ln(.12), ln(.12) / (8 / 6.0), true, three.get(2));
        List<Hypothesis> one = beamAlone(new DecodeConfig(3, 1.0, 0.75, 2, 1), P);
        assertEquals(1, one.size());
        assertHypothesis(new int[] {A, C}, ln(.2), ln(.2) / (8 / 6.0), true, one.get(0));
    }

    @ParameterizedTest(name = "cached={0}")
    @ValueSource(booleans = {true, false})
    void batch_dropsRowsOfFinishedSentences_andReturnsResultsInInputOrder(boolean cached) {
        ScriptedDecoder decoder = SearchScripts.decoder(32);
        List<List<Hypothesis>> out =
                beam(decoder, BEAM2, SearchOptions.DEFAULT.withCache(cached), P, Q, R);
        // Q is done after step 2, P after step 3, R is cut after step 4 (K = 2 rows each).
        assertEquals(List.of(6, 6, 4, 2), decoder.rowsPerStep());
        assertEquals(cached ? List.of(1, 1, 1, 1) : List.of(1, 2, 3, 4), decoder.inputWidths());
        // P: as above.
        List<Hypothesis> p = out.get(0);
        assertHypothesis(new int[] {A, C}, ln(.2), ln(.2) / (8 / 6.0), true, p.get(0));
        assertHypothesis(new int[] {B}, ln(.24), ln(.24) / (7 / 6.0), true, p.get(1));
        // Q: step 1: EOS .7 (1st, finished), A .3 the only beam (the 2nd row a dead copy);
        //    step 2: A EOS .27 finished → 2 finished, done.
        //    [] ln .7 / (6/6) = -0.3567, [A] ln .27 / (7/6) = -1.1223.
        List<Hypothesis> q = out.get(1);
        assertHypothesis(new int[] {}, ln(.7), ln(.7), true, q.get(0));
        assertHypothesis(new int[] {A}, ln(.27), ln(.27) / (7 / 6.0), true, q.get(1));
        // R: step 1: A .6, B .4. Step 2: B A .36, A A .30, A B .18, ... → beams [B A], [A A].
        //    Step 3: B A EOS .216 (finished), A A C .21, B A B .144 → beams [A A C], [B A B].
        //    Step 4 (the limit, 4 tokens): A A C D .168, B A B C .0864 are cut, unfinished.
        //    [B A] ln .216 / (8/6) = -1.1494, [A A C D] ln .168 / (9/6) = -1.1892,
        //    [B A B C] ln .0864 / (9/6) = -1.6325.
        List<Hypothesis> r = out.get(2);
        assertHypothesis(new int[] {B, A}, ln(.216), ln(.216) / (8 / 6.0), true, r.get(0));
        assertHypothesis(new int[] {A, A, C, D}, ln(.168), ln(.168) / (9 / 6.0), false, r.get(1));
        assertTrue(decoder.everyStateClosed(), "every source and cache is closed");
    }

    @Test
    void sentence_getsTheSameHypotheses_aloneAndInAnyBatchOrder() {
        List<List<Hypothesis>> forward =
                beam(SearchScripts.decoder(32), BEAM2, SearchOptions.DEFAULT, P, Q, R);
        List<List<Hypothesis>> backward =
                beam(SearchScripts.decoder(32), BEAM2, SearchOptions.DEFAULT, R, Q, P);
        assertSameHypotheses(forward, List.of(backward.get(2), backward.get(1), backward.get(0)));
        int[][] sentences = {P, Q, R};
        for (int i = 0; i < sentences.length; i++) {
            assertSameHypotheses(List.of(forward.get(i)), List.of(beamAlone(BEAM2, sentences[i])));
        }
    }

    @Test
    void beamOfOne_equalsGreedy_fieldForField_stepForStep() {
        DecodeConfig one = new DecodeConfig(1, 1.0, 0.75, 2);
        ScriptedDecoder greedyDecoder = SearchScripts.decoder(32);
        ScriptedDecoder beamDecoder = SearchScripts.decoder(32);
        List<List<Hypothesis>> greedy;
        try (NDManager m = manager.newSubManager()) {
            greedy =
                    new GreedySearch(greedyDecoder, one, SearchOptions.DEFAULT)
                            .search(ScriptedDecoder.sources(m, P, Q, R));
        }
        List<List<Hypothesis>> beam = beam(beamDecoder, one, SearchOptions.DEFAULT, P, Q, R);
        assertSameHypotheses(greedy, beam);
        assertEquals(List.of(3, 2, 2, 1), beamDecoder.rowsPerStep());
        // The values themselves are GreedySearchTest's: P [A C] .2, Q [] .7, R [A A C D] .168.
        assertHypothesis(new int[] {A, C}, ln(.2), ln(.2) / (8 / 6.0), true, beam.get(0).get(0));
    }

    @Test
    void beam_neverEmitsPadOrBos_andKeepsTheTablesLogProbabilities() {
        // Z, K = 2: step 1: A .2 the beam (pad .4, BOS .3 forbidden), EOS .1 2nd: [] finished.
        // Step 2: only EOS is allowed after [A]: [A] finished with .2 · .3 = .06. Scores:
        // [] ln .1 / 1 = -2.3026, [A] ln .06 / (7/6) = -2.4115.
        List<Hypothesis> out = beamAlone(BEAM2, Z);
        assertHypothesis(new int[] {}, ln(.1), ln(.1), true, out.get(0));
        assertHypothesis(new int[] {A}, ln(.06), ln(.06) / (7 / 6.0), true, out.get(1));
    }

    @Test
    void maximumLength_isCappedByTheModelsMaxPositions_cutHypothesesUnfinished() {
        // floor(2 · 3) + 5 = 11 tokens allowed by the config, only 3 by the model. R as in the
        // batch test up to step 3, which is now the last: [B A] .216 finished; [A A C] .21 and
        // [B A B] .144 are cut. α = 1, all of length 3: ln p / (8/6).
        ScriptedDecoder decoder = SearchScripts.decoder(3);
        DecodeConfig longOutputs = new DecodeConfig(2, 1.0, 2.0, 5, 2);
        List<Hypothesis> out = beam(decoder, longOutputs, SearchOptions.DEFAULT, R).get(0);
        assertHypothesis(new int[] {B, A}, ln(.216), ln(.216) / (8 / 6.0), true, out.get(0));
        assertHypothesis(new int[] {A, A, C}, ln(.21), ln(.21) / (8 / 6.0), false, out.get(1));
        assertEquals(List.of(2, 2, 2), decoder.rowsPerStep());
    }

    @Test
    void attention_followsEachHypothesisThroughBeamReordering() {
        SearchOptions withAttention = SearchOptions.DEFAULT.withAttention(true);
        List<List<Hypothesis>> out = beam(SearchScripts.decoder(32), BEAM2, withAttention, P, Q, R);
        for (List<Hypothesis> hyps : out) {
            for (Hypothesis h : hyps) {
                assertAttentionFollowsTheHypothesis(h, 3);
            }
        }
    }
}
