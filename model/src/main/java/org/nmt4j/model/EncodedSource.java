package org.nmt4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * The encoder's output for the rows of a search, as an {@link IncrementalDecoder} reads it at every
 * step. Shapes: n rows.
 *
 * @param <S> the implementing type, which {@link #select} returns
 */
public interface EncodedSource<S extends EncodedSource<S>> extends AutoCloseable {

    /**
     * Keeps the given rows, in the given order, repeating a row as often as it is named (one copy
     * per beam).
     *
     * @param rows (n') int64 indices into the current rows
     * @return a new state that shares no array with this one, which stays open
     */
    S select(NDArray rows);

    /**
     * Returns every array the state holds, e.g. to keep them out of the {@link
     * ai.djl.ndarray.NDScope} that closes one step's intermediates.
     *
     * @return a new list of the arrays, empty if it holds none
     */
    NDList arrays();

    /** Closes every array the state holds. */
    @Override
    void close();
}
