package org.nmt4j.data.clean;

import org.nmt4j.data.corpus.SkipReason;

/**
 * The length filters of training pairs, on token counts (SentencePiece pieces, without BOS/EOS): a
 * side longer than {@code maxTokens}, or a longer side more than {@code maxRatio} times the shorter
 * one, drops the pair.
 */
public final class PairFilter {
    private final int maxTokens;
    private final double maxRatio;

    /**
     * Creates a filter.
     *
     * @param maxTokens most tokens per side, >= 1
     * @param maxRatio largest ratio of longer to shorter side, >= 1
     */
    public PairFilter(int maxTokens, double maxRatio) {
        if (maxTokens < 1 || maxRatio < 1) {
            throw new IllegalArgumentException(
                    "maxTokens and maxRatio must be >= 1, got " + maxTokens + ", " + maxRatio);
        }
        this.maxTokens = maxTokens;
        this.maxRatio = maxRatio;
    }

    /**
     * Checks one pair's lengths.
     *
     * @param sourceTokens tokens on the source side
     * @param targetTokens tokens on the target side
     * @return why the pair is dropped, or null to keep it
     */
    public SkipReason check(int sourceTokens, int targetTokens) {
        if (sourceTokens > maxTokens || targetTokens > maxTokens) {
            return SkipReason.TOO_MANY_TOKENS;
        }
        int shorter = Math.max(1, Math.min(sourceTokens, targetTokens));
        int longer = Math.max(sourceTokens, targetTokens);
        if (longer > maxRatio * shorter) {
            return SkipReason.LENGTH_RATIO;
        }
        return null;
    }
}
