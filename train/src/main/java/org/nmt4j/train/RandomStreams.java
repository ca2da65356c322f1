package org.nmt4j.train;

import org.nmt4j.data.SeededHash;

/**
 * The seeds of a run's random streams, each a pure function of the run's seed and a position, so
 * that a resumed run draws exactly what an uninterrupted one would (DJL cannot save PyTorch's
 * generator state). The batch order is the data module's ({@code Batcher.plan(epoch)}, seeded with
 * the run's seed); dropout is reseeded before every batch from {@code (seed, epoch, batch)}.
 */
final class RandomStreams {
    private RandomStreams() {}

    /**
     * Returns the seed of parameter initialisation.
     *
     * @param seed the run's seed
     * @return the engine seed
     */
    static int initialisation(long seed) {
        return fold(SeededHash.mix(seed ^ 0x1A17L));
    }

    /**
     * Returns the engine seed used while training on one batch (dropout).
     *
     * @param seed the run's seed
     * @param epoch the batch's epoch
     * @param batchIndex the batch's index in its epoch's plan
     * @return the engine seed
     */
    static int batch(long seed, int epoch, long batchIndex) {
        long h = SeededHash.mix(seed);
        h = SeededHash.mix(h ^ (epoch + 1L));
        h = SeededHash.mix(h ^ (batchIndex + 1L));
        return fold(h);
    }

    /** Folds to a non-negative int (PyTorch seeds are unsigned). */
    private static int fold(long h) {
        return (int) ((h ^ (h >>> 32)) & 0x7FFFFFFFL);
    }
}
