package org.nmt4j.data.batch;

/**
 * Where a trainer is in the data: the epoch and the index of the next batch in that epoch's plan.
 * Because {@link Batcher#plan(int)} is a pure function of the corpus, the budget, the seed and the
 * epoch, saving this in a checkpoint is enough to resume exactly mid-epoch.
 *
 * @param epoch 0-based epoch
 * @param batchIndex 0-based index of the next batch to train on in that epoch
 */
public record DataPosition(int epoch, int batchIndex) {
    /** The start of training. */
    public static final DataPosition START = new DataPosition(0, 0);

    /** Validates the position. */
    public DataPosition {
        if (epoch < 0 || batchIndex < 0) {
            throw new IllegalArgumentException(
                    "epoch and batch index must be >= 0, got " + epoch + ", " + batchIndex);
        }
    }

    /**
     * Returns the position after the current batch.
     *
     * @param batchesInEpoch the number of batches in this epoch's plan
     * @return the next batch of this epoch, or the first of the next epoch
     */
    public DataPosition next(int batchesInEpoch) {
        return batchIndex + 1 < batchesInEpoch
                ? new DataPosition(epoch, batchIndex + 1)
                : new DataPosition(epoch + 1, 0);
    }
}
