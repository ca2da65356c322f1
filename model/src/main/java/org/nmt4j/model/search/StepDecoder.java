package org.nmt4j.model.search;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.nmt4j.model.DecoderCache;
import org.nmt4j.model.DecoderOutput;
import org.nmt4j.model.Memory;
import org.nmt4j.model.Seq2SeqTransformer;

/**
 * Runs the decoder one step at a time for the rows of a search (B sentences × beams), either
 * incrementally with the model's {@link DecoderCache} (only the newest token is fed; self-attention
 * keys/values grow by one position, cross-attention keys/values are computed once) or, as a slow
 * reference, by re-running the decoder over each row's whole prefix.
 *
 * <p>Memory: the caller opens an {@link NDScope} around each step; every array a step creates is
 * closed with that scope except the state kept for the next step (the cache and the memory), which
 * this class takes out of the scope and closes itself when it is replaced or on {@link #close()}.
 * Shapes: n current rows, S source length, V target vocabulary.
 */
final class StepDecoder implements AutoCloseable {
    private final Seq2SeqTransformer model;
    private final ParameterStore ps;
    private final NDManager manager;
    private final boolean recordAttention;
    private final DecoderCache cache;
    private final int[] sourceLengths;
    private final int[] forbidden;
    private long[][] prefixes;
    private Memory memory;

    /** What one step gives: next-token log-probabilities and, if asked, cross-attention. */
    record StepOutput(NDArray logProbs, float[][] attention) {}

    private StepDecoder(
            Seq2SeqTransformer model,
            ParameterStore ps,
            NDManager manager,
            SearchOptions options,
            Memory memory,
            int[] sourceLengths) {
        this.model = model;
        this.ps = ps;
        this.manager = manager;
        this.recordAttention = options.attention();
        this.cache = options.cached() ? model.newCache() : null;
        this.memory = memory;
        this.sourceLengths = sourceLengths;
        this.forbidden = new int[] {model.special().pad(), model.special().bos()};
        this.prefixes = new long[memory.batchSize()][0];
    }

    /**
     * Encodes a batch once and prepares the rows: {@code copies} consecutive rows per sentence.
     *
     * @param model the model
     * @param ps its parameter store
     * @param source (B,S) int64 source ids
     * @param options cached or not, attention or not
     * @param copies rows per sentence (the beam size; 1 for greedy)
     * @return the decoder, with B·copies rows
     */
    static StepDecoder start(
            Seq2SeqTransformer model,
            ParameterStore ps,
            NDArray source,
            SearchOptions options,
            int copies) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            Memory encoded = model.encode(ps, source, false);
            long[] lengths =
                    encoded.sourceKeep()
                            .toType(DataType.INT64, false)
                            .sum(new int[] {1})
                            .toLongArray();
            Memory rows = copies == 1 ? encoded : encoded.repeatEach(copies);
            NDScope.unregister(rows.states(), rows.sourceKeep());
            int[] sourceLengths = new int[lengths.length];
            for (int i = 0; i < lengths.length; i++) {
                sourceLengths[i] = (int) lengths[i];
            }
            return new StepDecoder(model, ps, source.getManager(), options, rows, sourceLengths);
        }
    }

    /**
     * Returns each sentence's source length in tokens (EOS included, padding excluded).
     *
     * @return one length per sentence of the batch, in row order
     */
    int[] sourceLengths() {
        return sourceLengths.clone();
    }

    /**
     * Feeds each row its newest token and returns the distribution of the next one, in which the
     * pad and BOS ids have probability 0 (no output may contain them). Call inside an {@link
     * NDScope}: the returned arrays belong to it.
     *
     * @param lastTokens per row, the token chosen at the previous step (BOS at the first)
     * @return log-probabilities (n,V) and, if recorded, attention per row (n rows of S)
     */
    StepOutput step(long[] lastTokens) {
        int n = lastTokens.length;
        NDArray input;
        if (cache != null) {
            input = manager.create(lastTokens, new Shape(n, 1));
        } else {
            input = extendPrefixes(lastTokens);
        }
        DecoderOutput out = model.decode(ps, memory, input, cache, false);
        NDArray logits = out.logits();
        NDArray last =
                logits.getShape().get(1) == 1
                        ? logits.squeeze(1)
                        : logits.get(new NDIndex(":, -1, :"));
        NDArray logProbs = last.logSoftmax(-1);
        for (int id : forbidden) {
            logProbs.set(new NDIndex(":, " + id), Float.NEGATIVE_INFINITY);
        }
        float[][] attention = recordAttention ? lastAttention(out.crossAttention(), n) : null;
        if (cache != null) {
            NDScope.unregister(cache.arrays());
        }
        return new StepOutput(logProbs, attention);
    }

    /**
     * Keeps the given rows, in the given order, for the next step: beams reordered after a step,
     * rows of finished sentences dropped.
     *
     * @param rows indices into the current rows
     * @param sentencesChanged true when rows of finished sentences were dropped (the memory is then
     *     gathered too; beams of one sentence share their source, so a reorder within sentences
     *     leaves it as it is)
     */
    void keep(int[] rows, boolean sentencesChanged) {
        NDArray index = manager.create(toLongs(rows));
        if (cache != null) {
            cache.reorder(index);
            NDScope.unregister(cache.arrays());
        } else {
            long[][] kept = new long[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                kept[i] = prefixes[rows[i]];
            }
            prefixes = kept;
        }
        if (sentencesChanged) {
            Memory old = memory;
            memory = memory.select(index);
            NDScope.unregister(memory.states(), memory.sourceKeep());
            old.states().close();
            old.sourceKeep().close();
        }
    }

    private NDArray extendPrefixes(long[] lastTokens) {
        int n = lastTokens.length;
        int t = prefixes[0].length + 1;
        long[] flat = new long[n * t];
        for (int r = 0; r < n; r++) {
            long[] grown = new long[t];
            System.arraycopy(prefixes[r], 0, grown, 0, t - 1);
            grown[t - 1] = lastTokens[r];
            prefixes[r] = grown;
            System.arraycopy(grown, 0, flat, r * t, t);
        }
        return manager.create(flat, new Shape(n, t));
    }

    /** The last layer's cross-attention of the newest position, averaged over heads. */
    private static float[][] lastAttention(List<NDArray> layers, int n) {
        NDArray probs = layers.get(layers.size() - 1); // (n,H,T,S)
        NDArray newest = probs.get(new NDIndex(":, :, -1, :")).mean(new int[] {1}); // (n,S)
        int s = (int) newest.getShape().get(1);
        float[] flat = newest.toType(DataType.FLOAT32, false).toFloatArray();
        float[][] rows = new float[n][s];
        for (int r = 0; r < n; r++) {
            System.arraycopy(flat, r * s, rows[r], 0, s);
        }
        return rows;
    }

    private static long[] toLongs(int[] rows) {
        long[] out = new long[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i];
        }
        return out;
    }

    @Override
    public void close() {
        memory.states().close();
        memory.sourceKeep().close();
        if (cache != null) {
            cache.arrays().close();
        }
    }
}
