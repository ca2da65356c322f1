package org.nmt4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Incremental-decoding state of a {@link Seq2SeqTransformer}: per decoder layer, the self-attention
 * keys/values (growing one position per step) and the cross-attention keys/values (computed once
 * from the encoder output).
 *
 * <p>Create with {@link Seq2SeqTransformer#newCache()}; pass only the new target positions to
 * {@link Seq2SeqTransformer#decode} at each step. The cached prefix must contain no padding.
 */
public final class DecoderCache implements StepCache {
    private final List<KeyValueCache> self;
    private final List<KeyValueCache> cross;

    DecoderCache(int layers) {
        List<KeyValueCache> s = new ArrayList<>(layers);
        List<KeyValueCache> c = new ArrayList<>(layers);
        for (int i = 0; i < layers; i++) {
            s.add(new KeyValueCache());
            c.add(new KeyValueCache());
        }
        self = Collections.unmodifiableList(s);
        cross = Collections.unmodifiableList(c);
    }

    /**
     * Returns how many target positions have been decoded so far.
     *
     * @return the cached length
     */
    public int length() {
        return self.get(0).length();
    }

    KeyValueCache self(int layer) {
        return self.get(layer);
    }

    KeyValueCache cross(int layer) {
        return cross.get(layer);
    }

    /**
     * Returns every array the cache holds now (each layer's self- and cross-attention keys and
     * values), e.g. to keep them out of an {@link ai.djl.ndarray.NDScope} that closes one decoding
     * step's intermediates, or to close them all when decoding ends.
     *
     * @return a new list of the cached arrays, empty before the first step
     */
    @Override
    public NDList arrays() {
        NDList all = new NDList();
        for (List<KeyValueCache> kind : List.of(self, cross)) {
            for (KeyValueCache c : kind) {
                if (!c.isEmpty()) {
                    all.add(c.keys());
                    all.add(c.values());
                }
            }
        }
        return all;
    }

    /**
     * Keeps the given batch rows, in the given order, in every layer's cache.
     *
     * @param rows (B') int64 indices into the current batch axis
     */
    @Override
    public void reorder(NDArray rows) {
        for (KeyValueCache c : self) {
            c.reorder(rows);
        }
        for (KeyValueCache c : cross) {
            c.reorder(rows);
        }
    }

    /** Closes every cached array. */
    @Override
    public void close() {
        arrays().close();
    }
}
