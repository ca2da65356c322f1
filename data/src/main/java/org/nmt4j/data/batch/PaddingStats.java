package org.nmt4j.data.batch;

import java.util.List;

/**
 * Padding of a set of batches: real tokens against padded cells, counting source rows (x + EOS) and
 * target rows (BOS + y, as long as y + EOS) once each.
 *
 * @param batches number of batches
 * @param pairs number of pairs
 * @param realTokens non-pad source plus target cells
 * @param paddedTokens B·S + B·T summed over the batches
 * @param largestBatch the largest B·S + B·T of any batch
 */
public record PaddingStats(
        int batches, long pairs, long realTokens, long paddedTokens, long largestBatch) {

    /**
     * Measures a set of batches.
     *
     * @param corpus the corpus the indices point into
     * @param batches the batches
     * @return the statistics
     */
    public static PaddingStats of(TokenizedCorpus corpus, List<int[]> batches) {
        long pairs = 0;
        long real = 0;
        long padded = 0;
        long largest = 0;
        for (int[] batch : batches) {
            int s = 0;
            int t = 0;
            for (int i : batch) {
                int sl = BatchBuilder.sourceLength(corpus.sourceLength(i));
                int tl = BatchBuilder.targetLength(corpus.targetLength(i));
                s = Math.max(s, sl);
                t = Math.max(t, tl);
                real += sl + tl;
            }
            long cells = (long) batch.length * (s + t);
            padded += cells;
            largest = Math.max(largest, cells);
            pairs += batch.length;
        }
        return new PaddingStats(batches.size(), pairs, real, padded, largest);
    }

    /**
     * Returns the share of padded cells.
     *
     * @return 1 - real / padded (0 for no batches)
     */
    public double share() {
        return paddedTokens == 0 ? 0 : 1.0 - (double) realTokens / paddedTokens;
    }

    /**
     * Returns the mean number of pairs per batch.
     *
     * @return pairs / batches
     */
    public double meanBatchSize() {
        return batches == 0 ? 0 : (double) pairs / batches;
    }
}
