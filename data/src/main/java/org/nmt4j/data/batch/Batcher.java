package org.nmt4j.data.batch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.nmt4j.data.SeededHash;

/**
 * Token-budget batches with length bucketing. For each epoch:
 *
 * <ol>
 *   <li>shuffle all pairs;
 *   <li>cut the shuffled order into large chunks (about {@code chunkBatches} batches each) and sort
 *       each chunk by (longer side, source length, target length), ties in shuffled order (sorting
 *       by the longer side first keeps both S and T tight in a batch);
 *   <li>walk each sorted chunk and close a batch when adding the next pair would make B·(S + T)
 *       exceed the budget (S, T: padded row lengths including EOS / BOS, see {@link BatchBuilder};
 *       the policy is {@link TokenBudget}'s, see {@link #rowCells});
 *   <li>shuffle the batches.
 * </ol>
 *
 * The plan is a pure function of (corpus, budget, seed, epoch): {@link #plan(int)} gives the same
 * batches every time, so a trainer resumes exactly by saving a {@link DataPosition}. Every batch
 * holds at least one pair and no batch exceeds the budget (a pair that alone exceeds it is rejected
 * when the batcher is made).
 */
public final class Batcher {
    /** Default chunk size, in batches: large enough for tight buckets, small enough to mix. */
    public static final int DEFAULT_CHUNK_BATCHES = 100;

    private final TokenizedCorpus corpus;
    private final int batchTokens;
    private final TokenBudget budget;
    private final long seed;
    private final int chunkPairs;

    /**
     * Creates a batcher with the default chunk size.
     *
     * @param corpus the pairs
     * @param batchTokens the budget: padded source plus target cells per batch
     * @param seed the shuffling seed
     */
    public Batcher(TokenizedCorpus corpus, int batchTokens, long seed) {
        this(corpus, batchTokens, seed, DEFAULT_CHUNK_BATCHES);
    }

    /**
     * Creates a batcher.
     *
     * @param corpus the pairs
     * @param batchTokens the budget: padded source plus target cells per batch
     * @param seed the shuffling seed
     * @param chunkBatches how many batches' worth of pairs are sorted together
     * @throws IllegalArgumentException if a single pair exceeds the budget
     */
    public Batcher(TokenizedCorpus corpus, int batchTokens, long seed, int chunkBatches) {
        if (batchTokens < 1 || chunkBatches < 1) {
            throw new IllegalArgumentException("batchTokens and chunkBatches must be >= 1");
        }
        this.corpus = corpus;
        this.batchTokens = batchTokens;
        this.budget = rowCells(corpus, batchTokens);
        this.seed = seed;
        long total = 0;
        for (int i = 0; i < corpus.size(); i++) {
            long cost = budget.cost(i);
            if (cost > batchTokens) {
                throw new IllegalArgumentException(
                        "data.batch_tokens "
                                + batchTokens
                                + " is smaller than pair "
                                + i
                                + " alone ("
                                + cost
                                + " tokens); raise data.batch_tokens or"
                                + " lower data.max_tokens");
            }
            total += cost;
        }
        double meanCost = corpus.size() == 0 ? 1 : (double) total / corpus.size();
        this.chunkPairs =
                (int)
                        Math.max(
                                1,
                                Math.min(
                                        Integer.MAX_VALUE,
                                        (long) chunkBatches
                                                * Math.max(1, (long) (batchTokens / meanCost))));
    }

    /**
     * Returns the batches of an epoch, in training order.
     *
     * @param epoch the 0-based epoch
     * @return the plan; the same for the same epoch every time
     */
    public EpochPlan plan(int epoch) {
        SplittableRandom rng =
                new SplittableRandom(SeededHash.mix(seed) ^ SeededHash.mix(epoch + 1L));
        int[] order = permutation(corpus.size(), rng);
        List<int[]> batches = new ArrayList<>();
        for (int from = 0; from < order.length; from += chunkPairs) {
            int to = Math.min(order.length, from + chunkPairs);
            batches.addAll(
                    budget.batches(sortedByLength(order, from, to), TokenBudget.Order.AS_GIVEN));
        }
        shuffle(batches, rng);
        return new EpochPlan(epoch, batches);
    }

    /**
     * Makes naive batches for comparison: shuffled pairs cut into batches of a fixed number of
     * pairs, with no length bucketing.
     *
     * @param corpus the pairs
     * @param pairsPerBatch pairs per batch
     * @param seed the shuffling seed
     * @return the batches
     */
    public static List<int[]> naive(TokenizedCorpus corpus, int pairsPerBatch, long seed) {
        int[] order = permutation(corpus.size(), new SplittableRandom(SeededHash.mix(seed)));
        List<int[]> batches = new ArrayList<>();
        for (int from = 0; from < order.length; from += pairsPerBatch) {
            batches.add(
                    Arrays.copyOfRange(order, from, Math.min(order.length, from + pairsPerBatch)));
        }
        return batches;
    }

    /**
     * Returns the token budget.
     *
     * @return padded source plus target cells per batch
     */
    public int batchTokens() {
        return batchTokens;
    }

    /**
     * The training policy: a batch of pairs costs B·(S + T), its padded source plus target cells
     * (S, T: the longest source and target rows, EOS / BOS included, see {@link BatchBuilder}).
     *
     * @param corpus the pairs
     * @param batchTokens the most cells in one batch
     * @return the policy over the corpus's pair indices
     */
    public static TokenBudget rowCells(TokenizedCorpus corpus, long batchTokens) {
        return TokenBudget.of(
                batchTokens,
                i -> BatchBuilder.sourceLength(corpus.sourceLength(i)),
                i -> BatchBuilder.targetLength(corpus.targetLength(i)));
    }

    private int[] sortedByLength(int[] order, int from, int to) {
        long[] keys = new long[to - from];
        for (int k = from; k < to; k++) {
            int i = order[k];
            long s = Math.min(0x3FF, corpus.sourceLength(i));
            long t = Math.min(0x3FF, corpus.targetLength(i));
            keys[k - from] = (Math.max(s, t) << 53) | (s << 42) | (t << 31) | (k - from);
        }
        Arrays.sort(keys);
        int[] sorted = new int[keys.length];
        for (int k = 0; k < keys.length; k++) {
            sorted[k] = order[from + (int) (keys[k] & 0x7FFFFFFFL)];
        }
        return sorted;
    }

    private static int[] permutation(int n, SplittableRandom rng) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        return order;
    }

    private static void shuffle(List<int[]> batches, SplittableRandom rng) {
        for (int i = batches.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            batches.set(i, batches.set(j, batches.get(i)));
        }
    }
}
