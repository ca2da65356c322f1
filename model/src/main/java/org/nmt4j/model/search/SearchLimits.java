package org.nmt4j.model.search;

/** Per-sentence output length limits: {@code a·S + b}, capped by the model's positions. */
final class SearchLimits {
    private SearchLimits() {}

    /**
     * Returns, per sentence, the most output tokens (EOS excluded) a hypothesis may have.
     *
     * @param config the decode config (a, b)
     * @param maxPositions the model's longest decoder input (BOS + tokens before the last)
     * @param sourceLengths per sentence, its source length in tokens
     * @return per sentence, the limit, at least 1
     */
    static int[] maxOutputLengths(DecodeConfig config, int maxPositions, int[] sourceLengths) {
        int[] out = new int[sourceLengths.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(1, Math.min(maxPositions, config.maxOutputLength(sourceLengths[i])));
        }
        return out;
    }
}
