package org.nmt4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * The incremental-decoding state an {@link IncrementalDecoder} keeps between steps (for a
 * Transformer, each layer's keys and values). Shapes: n rows.
 */
public interface StepCache extends AutoCloseable {

    /**
     * Keeps the given rows, in the given order, in place (beams reordered after a step, rows of
     * finished sentences dropped); replaced arrays are closed.
     *
     * @param rows (n') int64 indices into the current rows
     */
    void reorder(NDArray rows);

    /**
     * Returns every array the cache holds now, e.g. to keep them out of the {@link
     * ai.djl.ndarray.NDScope} that closes one step's intermediates.
     *
     * @return a new list of the arrays, empty before the first step
     */
    NDList arrays();

    /** Closes every array the cache holds. */
    @Override
    void close();
}
