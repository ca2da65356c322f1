package org.nmt4j.model.search;

import java.util.Arrays;
import java.util.List;

/**
 * One output of a search for one sentence.
 *
 * <p>Shapes: T output tokens, S source length (the padded width of the batch; positions past the
 * sentence's own length hold zeros).
 *
 * @param tokens the output token ids, without BOS and without EOS
 * @param logProbability the sum of the log-probabilities of the tokens (and of EOS when finished)
 * @param score the log-probability divided by the GNMT length penalty {@code ((5 + len) / 6)^α},
 *     where len counts EOS when the hypothesis has one; hypotheses are ranked by it
 * @param finished true when the hypothesis ended with EOS, false when it was cut at the maximum
 *     output length
 * @param attention per output step (T rows, plus one for EOS when finished) the last decoder
 *     layer's cross-attention averaged over heads, (T|T+1, S); null unless the search was asked to
 *     record it
 */
public record Hypothesis(
        int[] tokens, float logProbability, float score, boolean finished, float[][] attention) {

    /**
     * Creates a hypothesis scored with the config's length penalty, {@code logP /
     * lengthPenaltyFactor(len)} where len counts EOS when the hypothesis is finished.
     *
     * @param tokens the output token ids, without BOS and EOS
     * @param logProbability the summed log-probability
     * @param finished whether it ended with EOS
     * @param attention per step attention, or null
     * @param config the length penalty
     * @return the hypothesis
     */
    static Hypothesis scored(
            int[] tokens,
            float logProbability,
            boolean finished,
            float[][] attention,
            DecodeConfig config) {
        int length = tokens.length + (finished ? 1 : 0);
        float score = (float) (logProbability / config.lengthPenaltyFactor(length));
        return new Hypothesis(tokens, logProbability, score, finished, attention);
    }

    /**
     * Returns the tokens as a list, e.g. for comparisons in tests.
     *
     * @return the token ids
     */
    public List<Integer> tokenList() {
        return Arrays.stream(tokens).boxed().toList();
    }

    @Override
    public String toString() {
        return "Hypothesis"
                + Arrays.toString(tokens)
                + "(logP="
                + logProbability
                + ", score="
                + score
                + (finished ? ")" : ", cut at max length)");
    }
}
