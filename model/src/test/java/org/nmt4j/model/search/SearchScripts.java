package org.nmt4j.model.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nmt4j.model.search.ScriptedDecoder.A;
import static org.nmt4j.model.search.ScriptedDecoder.B;
import static org.nmt4j.model.search.ScriptedDecoder.BOS;
import static org.nmt4j.model.search.ScriptedDecoder.C;
import static org.nmt4j.model.search.ScriptedDecoder.D;
import static org.nmt4j.model.search.ScriptedDecoder.EOS;
import static org.nmt4j.model.search.ScriptedDecoder.PAD;

import java.util.Arrays;
import java.util.List;

/**
 * The scripted sentences the exact search tests share, and how they check a hypothesis. The tables
 * (next-token probabilities after each output prefix; every other token has probability 0):
 *
 * <pre>
 * P = [A B]  (S = 3 with EOS)     Q = [D]  (S = 2)           R = [C D]  (S = 3)
 *   []    → A .5  B .4  EOS .1      []  → EOS .7  A .3         []      → A .6  B .4
 *   [A]   → C .5  D .3  EOS .2      [A] → EOS .9  B .1         [A]     → A .5  B .3  EOS .2
 *   [B]   → EOS .6  C .4                                       [B]     → A .9  EOS .1
 *   [A C] → EOS .8  B .2                                       [A A]   → C .7  EOS .3
 *   [B C] → EOS .75  A .25                                     [B A]   → EOS .6  B .4
 *   [A D] → EOS .6  C .4                                       [A A C] → D .8  EOS .2
 *                                                              [B A B] → C .6  EOS .4
 * Z = [A]  (S = 2): prefers the ids no output may hold        Y = [C]  (S = 2)
 *   []    → pad .4  BOS .3  A .2  EOS .1                        []    → A .5  B .3  EOS .2
 *   [A]   → BOS .5  EOS .3  pad .2                              [A]   → EOS .6  C .4
 *                                                               [B]   → EOS .6  D .4
 *                                                               [A C] → EOS .9  A .1
 *                                                               [B D] → EOS .75  A .25
 * </pre>
 *
 * P is where beam search beats greedy, Q ends at once, R never ends before a length limit of 4, Z
 * checks that pad and BOS are never emitted (and that their probability is not handed to the
 * others: log-probabilities stay those of the table), Y has an EOS ranked below the first K
 * candidates of a step, after K - 1 others.
 */
final class SearchScripts {
    static final int[] P = {A, B};
    static final int[] Q = {D};
    static final int[] R = {C, D};
    static final int[] Z = {A};
    static final int[] Y = {C};

    private SearchScripts() {}

    /**
     * A decoder scripted with P, Q, R and Z.
     *
     * @param maxPositions its longest decoder input
     * @return the decoder
     */
    static ScriptedDecoder decoder(int maxPositions) {
        return new ScriptedDecoder(maxPositions)
                .on(P, new int[] {}, A, .5, B, .4, EOS, .1)
                .on(P, new int[] {A}, C, .5, D, .3, EOS, .2)
                .on(P, new int[] {B}, EOS, .6, C, .4)
                .on(P, new int[] {A, C}, EOS, .8, B, .2)
                .on(P, new int[] {B, C}, EOS, .75, A, .25)
                .on(P, new int[] {A, D}, EOS, .6, C, .4)
                .on(Q, new int[] {}, EOS, .7, A, .3)
                .on(Q, new int[] {A}, EOS, .9, B, .1)
                .on(R, new int[] {}, A, .6, B, .4)
                .on(R, new int[] {A}, A, .5, B, .3, EOS, .2)
                .on(R, new int[] {B}, A, .9, EOS, .1)
                .on(R, new int[] {A, A}, C, .7, EOS, .3)
                .on(R, new int[] {B, A}, EOS, .6, B, .4)
                .on(R, new int[] {A, A, C}, D, .8, EOS, .2)
                .on(R, new int[] {B, A, B}, C, .6, EOS, .4)
                .on(Z, new int[] {}, PAD, .4, BOS, .3, A, .2, EOS, .1)
                .on(Z, new int[] {A}, BOS, .5, EOS, .3, PAD, .2)
                .on(Y, new int[] {}, A, .5, B, .3, EOS, .2)
                .on(Y, new int[] {A}, EOS, .6, C, .4)
                .on(Y, new int[] {B}, EOS, .6, D, .4)
                .on(Y, new int[] {A, C}, EOS, .9, A, .1)
                .on(Y, new int[] {B, D}, EOS, .75, A, .25);
    }

    /**
     * The natural log, to write expected log-probabilities as products of table entries.
     *
     * @param p a probability
     * @return ln p
     */
    static double ln(double p) {
        return Math.log(p);
    }

    /**
     * Checks every field of a hypothesis but its attention. Log-probabilities are float sums of
     * float logs, hence the 1e-6.
     *
     * @param tokens the expected output
     * @param logP the expected log-probability
     * @param score the expected score
     * @param finished whether it should end with EOS
     * @param actual the hypothesis
     */
    static void assertHypothesis(
            int[] tokens, double logP, double score, boolean finished, Hypothesis actual) {
        String what = actual.toString();
        assertEquals(Arrays.stream(tokens).boxed().toList(), actual.tokenList(), what);
        assertEquals(logP, actual.logProbability(), 1e-6, "log-probability of " + what);
        assertEquals(score, actual.score(), 1e-6, "score of " + what);
        assertEquals(finished, actual.finished(), "finished: " + what);
    }

    /**
     * Checks that two searches gave the same hypotheses, field for field (attention aside).
     *
     * @param expected one search's output
     * @param actual the other's
     */
    static void assertSameHypotheses(
            List<List<Hypothesis>> expected, List<List<Hypothesis>> actual) {
        assertEquals(expected.size(), actual.size());
        for (int s = 0; s < expected.size(); s++) {
            assertEquals(expected.get(s).size(), actual.get(s).size(), "hypotheses of " + s);
            for (int k = 0; k < expected.get(s).size(); k++) {
                Hypothesis e = expected.get(s).get(k);
                Hypothesis a = actual.get(s).get(k);
                assertEquals(e.tokenList(), a.tokenList(), "sentence " + s + " hypothesis " + k);
                assertEquals(e.logProbability(), a.logProbability(), "sentence " + s);
                assertEquals(e.score(), a.score(), "sentence " + s);
                assertEquals(e.finished(), a.finished(), "sentence " + s);
            }
        }
    }

    /**
     * Checks the scripted decoder's attention: one row per step (EOS included), row t being [t, the
     * token before, 0...] with BOS before the first, over the batch's S source positions.
     *
     * @param h a hypothesis found with attention recorded
     * @param width the padded source width S
     */
    static void assertAttentionFollowsTheHypothesis(Hypothesis h, int width) {
        int steps = h.tokens().length + (h.finished() ? 1 : 0);
        assertEquals(steps, h.attention().length, h.toString());
        for (int t = 0; t < steps; t++) {
            float[] expected = new float[width];
            expected[0] = t;
            expected[1] = t == 0 ? BOS : h.tokens()[t - 1];
            assertEquals(
                    Arrays.toString(expected),
                    Arrays.toString(h.attention()[t]),
                    "attention step " + t + " of " + h);
        }
    }
}
