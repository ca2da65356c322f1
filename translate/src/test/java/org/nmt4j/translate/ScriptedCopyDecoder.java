package org.nmt4j.translate;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.nmt4j.model.EncodedSource;
import org.nmt4j.model.IncrementalDecoder;
import org.nmt4j.model.StepCache;
import org.nmt4j.model.StepScores;
import org.nmt4j.text.SpecialTokens;

/**
 * A scripted model whose translations can be worked out by hand: at output position t it gives the
 * row's t-th source id (its EOS once the source is used up) probability {@code copy}, and one other
 * ordinary id, {@link #OTHER} (or {@link #OTHER_ALT} where the source id is {@code OTHER}), the
 * rest; every other id has probability 0. So greedy and beam search both find the source itself,
 * with log-probability {@code (n + 1)·ln(copy)} for n source pieces (EOS included), and the
 * translation of a line is the tokenizer's round trip of it.
 *
 * <p>The rows' sources are kept in plain Java arrays: a search that does not select them along with
 * its rows when sentences finish gets another row's source, and the translation is wrong.
 */
final class ScriptedCopyDecoder
        implements IncrementalDecoder<ScriptedCopyDecoder.Rows, ScriptedCopyDecoder.Prefixes> {
    /** The ordinary id that takes the probability the copy leaves. */
    static final int OTHER = 10;

    /** The id that takes it where the source id is {@link #OTHER}. */
    static final int OTHER_ALT = 11;

    private final int vocab;
    private final int maxPositions;
    private final double copy;
    private final SpecialTokens special = SpecialTokens.DEFAULT;

    /**
     * Creates the model.
     *
     * @param vocab both vocabulary sizes (the tokenizer's)
     * @param maxPositions the longest decoder input
     * @param copy the probability of the copied id, above 0.5
     */
    ScriptedCopyDecoder(int vocab, int maxPositions, double copy) {
        this.vocab = vocab;
        this.maxPositions = maxPositions;
        this.copy = copy;
    }

    @Override
    public SpecialTokens special() {
        return special;
    }

    @Override
    public int sourceVocabSize() {
        return vocab;
    }

    @Override
    public int targetVocabSize() {
        return vocab;
    }

    @Override
    public int maxPositions() {
        return maxPositions;
    }

    @Override
    public Device device() {
        return Device.cpu();
    }

    @Override
    public Rows encode(NDArray source) {
        int b = (int) source.getShape().get(0);
        int s = (int) source.getShape().get(1);
        long[] ids = source.toLongArray();
        long[][] rows = new long[b][];
        for (int r = 0; r < b; r++) {
            rows[r] =
                    Arrays.stream(ids, r * s, (r + 1) * s)
                            .filter(id -> id != special.pad())
                            .toArray();
        }
        return new Rows(rows);
    }

    @Override
    public Prefixes newCache() {
        return new Prefixes();
    }

    @Override
    public StepScores decodeStep(Rows source, NDArray input, Prefixes cache, boolean attention) {
        int n = (int) input.getShape().get(0);
        int t = cache == null ? (int) input.getShape().get(1) - 1 : cache.step(n);
        float[] logProbs = new float[n * vocab];
        Arrays.fill(logProbs, Float.NEGATIVE_INFINITY);
        for (int r = 0; r < n; r++) {
            long[] row = source.rows[r];
            int copied = (int) row[Math.min(t, row.length - 1)];
            int other = copied == OTHER ? OTHER_ALT : OTHER;
            logProbs[r * vocab + copied] = (float) Math.log(copy);
            logProbs[r * vocab + other] = (float) Math.log(1 - copy);
        }
        if (attention) {
            throw new UnsupportedOperationException("the scripted copy model records no attention");
        }
        return new StepScores(input.getManager().create(logProbs, new Shape(n, vocab)), null);
    }

    /** Per row, its source ids (EOS included, padding removed). */
    static final class Rows implements EncodedSource<Rows> {
        private final long[][] rows;

        Rows(long[][] rows) {
            this.rows = rows;
        }

        @Override
        public Rows select(NDArray index) {
            long[] ix = index.toLongArray();
            long[][] kept = new long[ix.length][];
            for (int i = 0; i < ix.length; i++) {
                kept[i] = rows[(int) ix[i]];
            }
            return new Rows(kept);
        }

        @Override
        public NDList arrays() {
            return new NDList();
        }

        @Override
        public void close() {}
    }

    /** The output position of the next step (all rows of a search are at the same position). */
    static final class Prefixes implements StepCache {
        private int steps;
        private int rows = -1;

        int step(int n) {
            if (rows >= 0 && rows != n) {
                throw new IllegalStateException("cache rows " + rows + " != " + n);
            }
            rows = n;
            return steps++;
        }

        @Override
        public void reorder(NDArray index) {
            rows = (int) index.getShape().get(0);
        }

        @Override
        public NDList arrays() {
            return new NDList();
        }

        @Override
        public void close() {}
    }
}
