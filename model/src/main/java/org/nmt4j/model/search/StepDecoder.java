package org.nmt4j.model.search;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.nmt4j.model.EncodedSource;
import org.nmt4j.model.IncrementalDecoder;
import org.nmt4j.model.StepCache;
import org.nmt4j.model.StepScores;

/**
 * Runs an {@link IncrementalDecoder} one step at a time for the rows of a search (B sentences ×
 * beams), either incrementally with its cache (only the newest token is fed) or, as a slow
 * reference, by re-running the decoder over each row's whole prefix.
 *
 * <p>Memory: the caller opens an {@link NDScope} around each step; every array a step creates is
 * closed with that scope except the state kept for the next step (the cache and the encoded
 * source), which this class takes out of the scope and closes itself when it is replaced or on
 * {@link #close()}. Shapes: n current rows, S source length, V target vocabulary.
 *
 * @param <S> the decoder's encoded source
 * @param <C> the decoder's cache
 */
final class StepDecoder<S extends EncodedSource<S>, C extends StepCache> implements AutoCloseable {
    private final IncrementalDecoder<S, C> model;
    private final NDManager manager;
    private final boolean recordAttention;
    private final C cache;
    private final int[] sourceLengths;
    private final int[] forbidden;
    private long[][] prefixes;
    private S source;

    /** What one step gives: next-token log-probabilities and, if asked, cross-attention. */
    record StepOutput(NDArray logProbs, float[][] attention) {}

    private StepDecoder(
            IncrementalDecoder<S, C> model,
            NDManager manager,
            SearchOptions options,
            S source,
            int[] sourceLengths,
            int rows) {
        this.model = model;
        this.manager = manager;
        this.recordAttention = options.attention();
        this.cache = options.cached() ? model.newCache() : null;
        this.source = source;
        this.sourceLengths = sourceLengths;
        this.forbidden = new int[] {model.special().pad(), model.special().bos()};
        this.prefixes = new long[rows][0];
    }

    /**
     * Encodes a batch once and prepares the rows: {@code copies} consecutive rows per sentence.
     *
     * @param model the model
     * @param source (B,S) int64 source ids
     * @param options cached or not, attention or not
     * @param copies rows per sentence (the beam size; 1 for greedy)
     * @param <S> the model's encoded source
     * @param <C> the model's cache
     * @return the decoder, with B·copies rows
     */
    static <S extends EncodedSource<S>, C extends StepCache> StepDecoder<S, C> start(
            IncrementalDecoder<S, C> model, NDArray source, SearchOptions options, int copies) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            int[] lengths = sourceLengths(source, model.special().pad());
            S encoded = model.encode(source);
            S rows = encoded;
            if (copies > 1) {
                rows =
                        encoded.select(
                                source.getManager().create(repeatEach(lengths.length, copies)));
                encoded.close();
            }
            NDScope.unregister(rows.arrays());
            return new StepDecoder<>(
                    model, source.getManager(), options, rows, lengths, lengths.length * copies);
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
        StepScores out = model.decodeStep(source, input, cache, recordAttention);
        NDArray logProbs = out.logProbs();
        for (int id : forbidden) {
            logProbs.set(new NDIndex(":, " + id), Float.NEGATIVE_INFINITY);
        }
        float[][] attention = recordAttention ? rows(out.attention(), n) : null;
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
     * @param sentencesChanged true when rows of finished sentences were dropped (the encoded source
     *     is then selected too; beams of one sentence share their source, so a reorder within
     *     sentences leaves it as it is)
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
            S old = source;
            source = source.select(index);
            NDScope.unregister(source.arrays());
            old.close();
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

    /** The rows of an (n,S) attention array. */
    private static float[][] rows(NDArray attention, int n) {
        int s = (int) attention.getShape().get(1);
        float[] flat = attention.toType(DataType.FLOAT32, false).toFloatArray();
        float[][] rows = new float[n][s];
        for (int r = 0; r < n; r++) {
            System.arraycopy(flat, r * s, rows[r], 0, s);
        }
        return rows;
    }

    /** Per row of a (B,S) source, the number of tokens that are not padding. */
    private static int[] sourceLengths(NDArray source, int pad) {
        int b = (int) source.getShape().get(0);
        int s = (int) source.getShape().get(1);
        long[] ids = source.toType(DataType.INT64, false).toLongArray();
        int[] lengths = new int[b];
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] != pad) {
                lengths[i / s]++;
            }
        }
        return lengths;
    }

    /** 0 (k times), 1 (k times), ..., b-1 (k times). */
    private static long[] repeatEach(int b, int k) {
        long[] out = new long[b * k];
        for (int i = 0; i < out.length; i++) {
            out[i] = i / k;
        }
        return out;
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
        source.close();
        if (cache != null) {
            cache.close();
        }
    }
}
