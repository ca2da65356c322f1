package org.nmt4j.model.search;

/**
 * How translations are searched for, validated on construction. In YAML this is the {@code decode}
 * section: {@code beam}, {@code length_penalty}, {@code max_len_a}, {@code max_len_b}, {@code
 * nbest}.
 *
 * @param beam beam size; 1 means greedy search
 * @param lengthPenalty the GNMT length-penalty exponent alpha: a finished hypothesis scores {@code
 *     logP / ((5 + |Y|) / 6)^alpha}; 0 ranks by the raw log-probability
 * @param maxLenA the output may have at most {@code maxLenA * S + maxLenB} tokens, where S is the
 *     source length in tokens (without padding)
 * @param maxLenB see {@code maxLenA}
 * @param nbest how many hypotheses per sentence a search returns, best first; at most {@code beam}
 */
public record DecodeConfig(int beam, double lengthPenalty, double maxLenA, int maxLenB, int nbest) {

    /** The built-in beam size. */
    public static final int DEFAULT_BEAM = 4;

    /** The built-in length-penalty exponent. */
    public static final double DEFAULT_LENGTH_PENALTY = 0.6;

    /** The built-in {@code max_len_a}. */
    public static final double DEFAULT_MAX_LEN_A = 1.5;

    /** The built-in {@code max_len_b}. */
    public static final int DEFAULT_MAX_LEN_B = 10;

    /** The built-in n-best. */
    public static final int DEFAULT_NBEST = 1;

    /**
     * The built-in defaults, used for models saved without their own decode settings: beam 4,
     * length penalty 0.6, output length at most 1.5 * S + 10, one hypothesis. (The constants above
     * are compile-time constants so that help texts can quote them.)
     */
    public static final DecodeConfig DEFAULT =
            new DecodeConfig(
                    DEFAULT_BEAM,
                    DEFAULT_LENGTH_PENALTY,
                    DEFAULT_MAX_LEN_A,
                    DEFAULT_MAX_LEN_B,
                    DEFAULT_NBEST);

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
        if (nbest < 1 || nbest > beam) {
            throw new IllegalArgumentException(
                    "nbest must be between 1 and beam (" + beam + "), got " + nbest);
        }
        if (maxLenA == 0 && maxLenB == 0) {
            throw new IllegalArgumentException(
                    "max_len_a and max_len_b are both 0: no output token would be allowed");
        }
    }

    /**
     * A config that returns one hypothesis per sentence.
     *
     * @param beam beam size; 1 means greedy search
     * @param lengthPenalty the GNMT length-penalty exponent alpha
     * @param maxLenA see {@link #maxLenA()}
     * @param maxLenB see {@link #maxLenB()}
     */
    public DecodeConfig(int beam, double lengthPenalty, double maxLenA, int maxLenB) {
        this(beam, lengthPenalty, maxLenA, maxLenB, 1);
    }

    /**
     * Returns a copy with another beam size and n-best count.
     *
     * @param newBeam the beam size
     * @param newNbest hypotheses per sentence, at most {@code newBeam}
     * @return the copy
     */
    public DecodeConfig withBeam(int newBeam, int newNbest) {
        return new DecodeConfig(newBeam, lengthPenalty, maxLenA, maxLenB, newNbest);
    }

    /**
     * Returns the GNMT length penalty {@code ((5 + length) / 6)^alpha} that a hypothesis's
     * log-probability is divided by.
     *
     * @param length the hypothesis length in tokens, its EOS included when it has one
     * @return the penalty, 1 when alpha is 0
     */
    public double lengthPenaltyFactor(int length) {
        return Math.pow((5.0 + length) / 6.0, lengthPenalty);
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
