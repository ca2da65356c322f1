package org.nmt4j.data.clean;

import org.nmt4j.data.SeededHash;

/**
 * Splits a single-file corpus into train, dev and test, grouped by source sentence: the split of a
 * pair depends only on the seed and its (normalised) source sentence, so every translation of one
 * source lands in the same split (dev/test can be scored with several references, and no source
 * leaks from train into dev or test). It needs no memory and one pass, so it streams.
 *
 * <p>The fractions are of distinct source sentences, in expectation: each source falls in dev with
 * probability {@code devFraction} and in test with {@code testFraction}.
 */
public final class SplitAssigner {
    private final double devFraction;
    private final double testFraction;
    private final long seed;

    /**
     * Creates an assigner.
     *
     * @param devFraction share of sources for dev, in [0, 1)
     * @param testFraction share of sources for test, in [0, 1)
     * @param seed the seed; another seed gives another split
     */
    public SplitAssigner(double devFraction, double testFraction, long seed) {
        if (devFraction < 0 || testFraction < 0 || devFraction + testFraction >= 1) {
            throw new IllegalArgumentException(
                    "dev and test fractions must be >= 0 and sum to less than 1, got "
                            + devFraction
                            + " and "
                            + testFraction);
        }
        this.devFraction = devFraction;
        this.testFraction = testFraction;
        this.seed = seed;
    }

    /**
     * Returns the split of a pair with this source sentence.
     *
     * @param source the normalised source sentence
     * @return the split
     */
    public Split assign(String source) {
        double u = (SeededHash.hash64(seed, source) >>> 11) * 0x1.0p-53;
        if (u < devFraction) {
            return Split.DEV;
        }
        if (u < devFraction + testFraction) {
            return Split.TEST;
        }
        return Split.TRAIN;
    }
}
