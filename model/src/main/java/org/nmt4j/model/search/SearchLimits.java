package org.nmt4j.model.search;

import org.nmt4j.model.Seq2SeqTransformer;

/** Per-sentence output length limits: {@code a·S + b}, capped by the model's positions. */
final class SearchLimits {
    private SearchLimits() {}

    /**
     * Returns, per sentence, the most output tokens (EOS excluded) a hypothesis may have.
     *
     * @param config the decode config (a, b)
     * @param model the model (its max_positions bounds the decoder input BOS + tokens)
     * @param sourceLengths per sentence, its source length in tokens
     * @return per sentence, the limit, at least 1
     */
    static int[] maxOutputLengths(
            DecodeConfig config, Seq2SeqTransformer model, int[] sourceLengths) {
        int cap = model.config().maxPositions();
        int[] out = new int[sourceLengths.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(1, Math.min(cap, config.maxOutputLength(sourceLengths[i])));
        }
        return out;
    }
}
