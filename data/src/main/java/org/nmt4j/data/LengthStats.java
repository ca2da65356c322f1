package org.nmt4j.data;

import java.util.Arrays;
import java.util.Locale;

/**
 * Token counts and length percentiles of one side of a corpus (nearest-rank percentiles, in
 * SentencePiece pieces without BOS/EOS).
 *
 * @param sentences number of sentences
 * @param tokens total pieces
 * @param p50 median length
 * @param p90 90th percentile
 * @param p99 99th percentile
 * @param max longest sentence
 */
public record LengthStats(long sentences, long tokens, int p50, int p90, int p99, int max) {

    /**
     * Computes the statistics of some lengths.
     *
     * @param lengths the lengths (not modified)
     * @return the statistics (all zero for no lengths)
     */
    public static LengthStats of(int[] lengths) {
        if (lengths.length == 0) {
            return new LengthStats(0, 0, 0, 0, 0, 0);
        }
        int[] sorted = lengths.clone();
        Arrays.sort(sorted);
        long tokens = Arrays.stream(sorted).asLongStream().sum();
        return new LengthStats(
                sorted.length,
                tokens,
                rank(sorted, 50),
                rank(sorted, 90),
                rank(sorted, 99),
                sorted[sorted.length - 1]);
    }

    /**
     * Returns the mean length.
     *
     * @return tokens / sentences
     */
    public double mean() {
        return sentences == 0 ? 0 : (double) tokens / sentences;
    }

    private static int rank(int[] sorted, int percent) {
        int k = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, k - 1)];
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "%,d tokens, mean %.1f, p50 %d, p90 %d, p99 %d, max %d",
                tokens,
                mean(),
                p50,
                p90,
                p99,
                max);
    }
}
