package org.nmt4j.model.search;

/**
 * How translations are searched for, validated on construction. In YAML this is the {@code decode}
 * section: {@code beam}, {@code length_penalty}, {@code max_len_a}, {@code max_len_b}.
 *
 * @param beam beam size; 1 means greedy search
 * @param lengthPenalty the GNMT length-penalty exponent alpha: a finished hypothesis scores {@code
 *     logP / ((5 + |Y|) / 6)^alpha}; 0 ranks by the raw log-probability
 * @param maxLenA the output may have at most {@code maxLenA * S + maxLenB} tokens, where S is the
 *     source length in tokens (without padding)
 * @param maxLenB see {@code maxLenA}
 */
public record DecodeConfig(int beam, double lengthPenalty, double maxLenA, int maxLenB) {

    /** Validates every field; messages name the field and the accepted range. */
    public DecodeConfig {
        if (beam < 1) {
            throw new IllegalArgumentException("beam must be >= 1, got " + beam);
        }
        if (!(lengthPenalty >= 0 && Double.isFinite(lengthPenalty))) {
            throw new IllegalArgumentException(
                    "length_penalty must be a finite number >= 0, got " + lengthPenalty);
        }
        if (!(maxLenA >= 0 && Double.isFinite(maxLenA))) {
            throw new IllegalArgumentException(
                    "max_len_a must be a finite number >= 0, got " + maxLenA);
        }
        if (maxLenB < 0) {
            throw new IllegalArgumentException("max_len_b must be >= 0, got " + maxLenB);
        }
        if (maxLenA == 0 && maxLenB == 0) {
            throw new IllegalArgumentException(
                    "max_len_a and max_len_b are both 0: no output token would be allowed");
        }
    }

    /**
     * Returns the most tokens (EOS excluded) an output may have for a source of the given length.
     *
     * @param sourceLength the source length S in tokens, padding excluded
     * @return {@code floor(maxLenA * S) + maxLenB}, at least 1
     */
    public int maxOutputLength(int sourceLength) {
        return Math.max(1, (int) Math.floor(maxLenA * sourceLength) + maxLenB);
    }
}
