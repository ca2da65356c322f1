package org.nmt4j.data;

/**
 * A seeded 64-bit hash of strings (FNV-1a over UTF-16 code units, finished with the SplitMix64
 * mixer), used wherever a decision must be the same on every run and need not hold the text: the
 * train/dev/test split and de-duplication ({@code data.clean}), the batch order ({@code
 * data.batch}) and the training's random streams.
 */
public final class SeededHash {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private SeededHash() {}

    /**
     * Hashes a string with a seed.
     *
     * @param seed the seed
     * @param text the text
     * @return a well-mixed 64-bit hash
     */
    public static long hash64(long seed, CharSequence text) {
        long h = FNV_OFFSET ^ mix(seed);
        for (int i = 0; i < text.length(); i++) {
            h ^= text.charAt(i);
            h *= FNV_PRIME;
        }
        return mix(h ^ text.length());
    }

    /**
     * The SplitMix64 finaliser: spreads every input bit over the whole output.
     *
     * @param z the value
     * @return the mixed value
     */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
