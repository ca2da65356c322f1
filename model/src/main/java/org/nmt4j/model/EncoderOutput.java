package org.nmt4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * The encoder's output and the source padding it was computed under.
 *
 * @param states (B,S,E) encoder states; rows at padded positions are meaningless and always masked
 * @param sourceKeep (B,S) boolean keep-mask of the source, true for real tokens
 */
public record EncoderOutput(NDArray states, NDArray sourceKeep)
        implements EncodedSource<EncoderOutput> {

    /**
     * Keeps the given batch rows, in the given order.
     *
     * @param rows (B') int64 indices
     * @return the selected memory, in new arrays
     */
    @Override
    public EncoderOutput select(NDArray rows) {
        return new EncoderOutput(states.get(rows), sourceKeep.get(rows));
    }

    /**
     * Repeats each row {@code k} times in place (row 0 k times, then row 1, ...), e.g. one copy per
     * beam.
     *
     * @param k copies per row
     * @return memory with B·k rows
     */
    public EncoderOutput repeatEach(int k) {
        return new EncoderOutput(states.repeat(0, k), sourceKeep.repeat(0, k));
    }

    /**
     * Returns the batch size B.
     *
     * @return B
     */
    public int batchSize() {
        return (int) states.getShape().get(0);
    }

    /**
     * Returns the states and the keep-mask.
     *
     * @return a new list of the two arrays
     */
    @Override
    public NDList arrays() {
        return new NDList(states, sourceKeep);
    }

    /** Closes the states and the keep-mask. */
    @Override
    public void close() {
        states.close();
        sourceKeep.close();
    }
}
