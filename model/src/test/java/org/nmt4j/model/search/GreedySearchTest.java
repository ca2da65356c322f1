package org.nmt4j.model.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nmt4j.model.search.ScriptedDecoder.A;
import static org.nmt4j.model.search.ScriptedDecoder.C;
import static org.nmt4j.model.search.ScriptedDecoder.D;
import static org.nmt4j.model.search.SearchScripts.P;
import static org.nmt4j.model.search.SearchScripts.Q;
import static org.nmt4j.model.search.SearchScripts.R;
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
 * Greedy search against the {@link ScriptedDecoder} tables of {@link SearchScripts}: every expected
 * token, log-probability and score below is worked out by hand from those tables.
 */
class GreedySearchTest {
    /** α = 1; at most floor(0.75·S) + 2 tokens: 4 for P and R (S = 3), 3 for Q and Z (S = 2). */
    private static final DecodeConfig CONFIG = new DecodeConfig(1, 1.0, 0.75, 2);

    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    private static List<List<Hypothesis>> greedy(
            ScriptedDecoder decoder, DecodeConfig config, SearchOptions options, int[]... batch) {
        try (NDManager m = manager.newSubManager()) {
            return new GreedySearch(decoder, config, options)
                    .search(ScriptedDecoder.sources(m, batch));
        }
    }

    @ParameterizedTest(name = "cached={0}")
    @ValueSource(booleans = {true, false})
    void greedy_takesTheMostProbableTokenAtEachStep_andScoresWithTheGnmtPenalty(boolean cached) {
        SearchOptions options = SearchOptions.DEFAULT.withCache(cached);
        DecodeConfig alpha06 = new DecodeConfig(1, 0.6, 0.75, 2);
        Hypothesis h = greedy(SearchScripts.decoder(32), alpha06, options, P).get(0).get(0);
        // P: [] → A (.5), [A] → C (.5), [A C] → EOS (.8); length 3 with EOS.
        double logP = ln(.5) + ln(.5) + ln(.8);
        assertHypothesis(new int[] {A, C}, logP, logP / Math.pow((5 + 3) / 6.0, 0.6), true, h);
    }

    @ParameterizedTest(name = "cached={0}")
    @ValueSource(booleans = {true, false})
    void batch_dropsRowsOfFinishedSentences_andReturnsResultsInInputOrder(boolean cached) {
        ScriptedDecoder decoder = SearchScripts.decoder(32);
        List<List<Hypothesis>> out =
                greedy(decoder, CONFIG, SearchOptions.DEFAULT.withCache(cached), P, Q, R);
        // Q ends at step 1, P at step 3 (EOS), R is cut at its 4th token: 3, 2, 2, 1 rows.
        assertEquals(List.of(3, 2, 2, 1), decoder.rowsPerStep());
        assertEquals(cached ? List.of(1, 1, 1, 1) : List.of(1, 2, 3, 4), decoder.inputWidths());
        // P: .5 · .5 · .8, 3 steps with EOS: penalty (5 + 3) / 6.
        double p = ln(.5) + ln(.5) + ln(.8);
        assertHypothesis(new int[] {A, C}, p, p / (8 / 6.0), true, out.get(0).get(0));
        // Q: EOS (.7) at once; length 1: penalty (5 + 1) / 6 = 1.
        assertHypothesis(new int[] {}, ln(.7), ln(.7), true, out.get(1).get(0));
        // R: A (.6), A (.5), C (.7), D (.8), then cut: 4 tokens, no EOS, penalty (5 + 4) / 6.
        double r = ln(.6) + ln(.5) + ln(.7) + ln(.8);
        assertHypothesis(new int[] {A, A, C, D}, r, r / (9 / 6.0), false, out.get(2).get(0));
        assertTrue(decoder.everyStateClosed(), "every source and cache is closed");
    }

    @Test
    void sentence_getsTheSameHypothesis_aloneAndInAnyBatchOrder() {
        List<List<Hypothesis>> forward =
                greedy(SearchScripts.decoder(32), CONFIG, SearchOptions.DEFAULT, P, Q, R);
        List<List<Hypothesis>> backward =
                greedy(SearchScripts.decoder(32), CONFIG, SearchOptions.DEFAULT, R, Q, P);
        assertSameHypotheses(forward, List.of(backward.get(2), backward.get(1), backward.get(0)));
        int[][] sentences = {P, Q, R};
        for (int i = 0; i < sentences.length; i++) {
            List<List<Hypothesis>> alone =
                    greedy(SearchScripts.decoder(32), CONFIG, SearchOptions.DEFAULT, sentences[i]);
            assertSameHypotheses(List.of(forward.get(i)), alone);
        }
    }

    @Test
    void maximumLength_isFloorOfATimesSourceLengthPlusB() {
        // R has S = 3: floor(0.5 · 3) + 1 = 2 tokens (rounding 1.5 up would allow 3).
        DecodeConfig half = new DecodeConfig(1, 1.0, 0.5, 1);
        Hypothesis h =
                greedy(SearchScripts.decoder(32), half, SearchOptions.DEFAULT, R).get(0).get(0);
        double r = ln(.6) + ln(.5); // A, A
        assertHypothesis(new int[] {A, A}, r, r / (7 / 6.0), false, h);
    }

    @Test
    void maximumLength_isCappedByTheModelsMaxPositions() {
        // floor(2 · 3) + 5 = 11 tokens allowed by the config, but only 3 decoder positions: the
        // last input is BOS A A, so R is cut after A A C.
        DecodeConfig longOutputs = new DecodeConfig(1, 1.0, 2.0, 5);
        ScriptedDecoder decoder = SearchScripts.decoder(3);
        Hypothesis h = greedy(decoder, longOutputs, SearchOptions.DEFAULT, R).get(0).get(0);
        double r = ln(.6) + ln(.5) + ln(.7);
        assertHypothesis(new int[] {A, A, C}, r, r / (8 / 6.0), false, h);
        assertEquals(List.of(1, 1, 1), decoder.rowsPerStep());
    }

    @Test
    void greedy_neverEmitsPadOrBos_andKeepsTheTablesLogProbabilities() {
        Hypothesis h =
                greedy(SearchScripts.decoder(32), CONFIG, SearchOptions.DEFAULT, Z).get(0).get(0);
        // Z: [] → A (.2; pad .4 and BOS .3 are forbidden), [A] → EOS (.3; BOS .5, pad .2).
        double z = ln(.2) + ln(.3);
        assertHypothesis(new int[] {A}, z, z / (7 / 6.0), true, h);
    }

    @Test
    void attention_hasOneRowPerStep_fromTheStepThatChoseTheToken() {
        SearchOptions withAttention = SearchOptions.DEFAULT.withAttention(true);
        List<List<Hypothesis>> out =
                greedy(SearchScripts.decoder(32), CONFIG, withAttention, P, Q, R);
        for (List<Hypothesis> hyps : out) {
            assertAttentionFollowsTheHypothesis(hyps.get(0), 3);
        }
    }
}
