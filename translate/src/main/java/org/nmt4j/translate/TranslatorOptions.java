package org.nmt4j.translate;

/**
 * How a {@link SentenceTranslator} batches and what it records.
 *
 * @param batchTokens the most source tokens in one batch, padding included and counted once per
 *     beam (rows × longest source row × beam); a sentence that alone exceeds it is a batch of one
 * @param attention true to keep each sentence's cross-attention for heatmaps
 */
public record TranslatorOptions(int batchTokens, boolean attention) {

    /** The default budget of a batch, in source tokens. */
    public static final int DEFAULT_BATCH_TOKENS = 4000;

    /** The default budget: 4000 source tokens per batch, no attention. */
    public static final TranslatorOptions DEFAULT =
            new TranslatorOptions(DEFAULT_BATCH_TOKENS, false);

    /** Validates the budget. */
    public TranslatorOptions {
        if (batchTokens < 1) {
            throw new IllegalArgumentException("batch_tokens must be >= 1, got " + batchTokens);
        }
    }
}
