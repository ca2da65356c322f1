package org.nmt4j.data.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BatcherTest {

    /** Pairs with lengths like short everyday sentences: 1 to 40 pieces, correlated sides. */
    static TokenizedCorpus randomCorpus(int n, long seed) {
        Random r = new Random(seed);
        TokenizedCorpus.Builder b = TokenizedCorpus.builder();
        for (int i = 0; i < n; i++) {
            int s = 1 + Math.min(39, (int) Math.abs(r.nextGaussian() * 8 + 6));
            int t = Math.max(1, Math.min(40, s + r.nextInt(5) - 2));
            b.add(filled(s, 4 + i % 100), filled(t, 5 + i % 100));
        }
        return b.build();
    }

    private static int[] filled(int n, int id) {
        int[] a = new int[n];
        Arrays.fill(a, id);
        return a;
    }

    @Test
    void batches_respectTheTokenBudget_andHoldEveryPairExactlyOnce() {
        TokenizedCorpus c = randomCorpus(5000, 1);
        for (int budget : new int[] {82, 300, 1000, 4096}) {
            EpochPlan plan = new Batcher(c, budget, 42).plan(0);
            int[] seen = new int[c.size()];
            for (int[] batch : plan.batches()) {
                assertTrue(batch.length > 0);
                TokenBatch built = BatchBuilder.standard().build(c, batch);
                assertTrue(
                        built.paddedTokens() <= budget,
                        "batch of " + built.paddedTokens() + " tokens over budget " + budget);
                for (int i : batch) {
                    seen[i]++;
                }
            }
            for (int i = 0; i < seen.length; i++) {
                assertEquals(1, seen[i], "pair " + i + " at budget " + budget);
            }
        }
    }

    @Test
    void plan_isTheSameForTheSameSeedAndEpoch_soResumingReplaysIt() {
        TokenizedCorpus c = randomCorpus(3000, 2);
        EpochPlan a = new Batcher(c, 1000, 7).plan(3);
        EpochPlan b = new Batcher(c, 1000, 7).plan(3);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.batch(i), b.batch(i));
        }
    }

    @Test
    void plan_changesWithTheEpochAndTheSeed() {
        TokenizedCorpus c = randomCorpus(3000, 2);
        Batcher batcher = new Batcher(c, 1000, 7);
        assertNotEquals(flat(batcher.plan(0)), flat(batcher.plan(1)));
        assertNotEquals(flat(batcher.plan(0)), flat(new Batcher(c, 1000, 8).plan(0)));
    }

    @Test
    void position_walksThroughAnEpochAndIntoTheNext() {
        TokenizedCorpus c = randomCorpus(500, 3);
        Batcher batcher = new Batcher(c, 500, 1);
        EpochPlan plan = batcher.plan(0);
        DataPosition p = DataPosition.START;
        for (int i = 0; i < plan.size(); i++) {
            assertEquals(new DataPosition(0, i), p);
            p = p.next(plan.size());
        }
        assertEquals(new DataPosition(1, 0), p);
    }

    @Test
    void bucketing_padsFarLessThanNaiveFixedSizeBatches() {
        TokenizedCorpus c = randomCorpus(20_000, 4);
        PaddingStats bucketed = PaddingStats.of(c, new Batcher(c, 4096, 1).plan(0).batches());
        int size = (int) Math.round(bucketed.meanBatchSize());
        PaddingStats naive = PaddingStats.of(c, Batcher.naive(c, size, 1));
        assertTrue(bucketed.share() < 0.10, "bucketed padding " + bucketed.share());
        assertTrue(naive.share() > 3 * bucketed.share(), "naive padding " + naive.share());
        assertTrue(bucketed.largestBatch() <= 4096);
    }

    @Test
    void batcher_rejectsAPairThatAloneExceedsTheBudget() {
        TokenizedCorpus c = TokenizedCorpus.builder().add(filled(60, 4), filled(60, 5)).build();
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new Batcher(c, 100, 1));
        assertTrue(e.getMessage().contains("data.batch_tokens"), e.getMessage());
    }

    @Test
    void naive_cutsShuffledPairsIntoFixedSizes() {
        TokenizedCorpus c = randomCorpus(1000, 5);
        List<int[]> batches = Batcher.naive(c, 64, 1);
        assertEquals(16, batches.size());
        assertEquals(64, batches.get(0).length);
        assertEquals(1000 - 15 * 64, batches.get(15).length);
    }

    @Test
    void corpus_withMaxLength_dropsLongPairsOnly() {
        TokenizedCorpus c = randomCorpus(1000, 6);
        TokenizedCorpus shorter = c.withMaxLength(10);
        for (int i = 0; i < shorter.size(); i++) {
            assertTrue(shorter.sourceLength(i) <= 10 && shorter.targetLength(i) <= 10);
        }
        long expected =
                java.util.stream.IntStream.range(0, c.size())
                        .filter(i -> c.sourceLength(i) <= 10 && c.targetLength(i) <= 10)
                        .count();
        assertEquals(expected, shorter.size());
    }

    private static List<Integer> flat(EpochPlan plan) {
        return plan.batches().stream().flatMapToInt(Arrays::stream).boxed().toList();
    }
}
