package org.nmt4j.data.batch;

import java.util.List;

/**
 * The batches of one epoch, in training order: each batch is an array of corpus pair indices.
 *
 * @param epoch the epoch
 * @param batches the batches
 */
public record EpochPlan(int epoch, List<int[]> batches) {

    /** Makes the list unmodifiable. */
    public EpochPlan {
        batches = List.copyOf(batches);
    }

    /**
     * Returns the number of batches.
     *
     * @return the count
     */
    public int size() {
        return batches.size();
    }

    /**
     * Returns one batch's pair indices.
     *
     * @param index 0-based batch index
     * @return the indices (do not modify)
     */
    public int[] batch(int index) {
        return batches.get(index);
    }
}
