package org.nmt4j.data.batch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * One batch of id matrices on the host, made by {@link BatchBuilder}: source (B, S), targetIn (B,
 * T) and labels (B, T), row-major, padded with the pad id.
 *
 * <p>Shapes: B batch, S source length (longest source + EOS), T target length (longest target + 1).
 *
 * @param indices the corpus pairs in row order
 * @param sourceLength S
 * @param targetLength T
 * @param source source ids (x + EOS), B·S values
 * @param targetIn decoder input ids (BOS + y), B·T values
 * @param labels label ids (y + EOS), B·T values
 * @param realSourceTokens non-pad cells of {@code source}
 * @param realTargetTokens non-pad cells of {@code labels} (the tokens a loss is normalised by)
 */
public record TokenBatch(
        int[] indices,
        int sourceLength,
        int targetLength,
        long[] source,
        long[] targetIn,
        long[] labels,
        long realSourceTokens,
        long realTargetTokens) {

    /** The three arrays of a batch on a device. */
    public record Tensors(NDArray source, NDArray targetIn, NDArray labels) {
        /**
         * Returns the model's inputs in the order its forward pass takes them.
         *
         * @return (source, targetIn)
         */
        public NDList inputs() {
            return new NDList(source, targetIn);
        }
    }

    /**
     * Returns B.
     *
     * @return the number of rows
     */
    public int size() {
        return indices.length;
    }

    /**
     * Returns the padded size: B·S + B·T, the quantity the token budget bounds.
     *
     * @return padded source plus padded target cells
     */
    public long paddedTokens() {
        return (long) size() * (sourceLength + targetLength);
    }

    /**
     * Returns the share of padded cells in source and target.
     *
     * @return pads / (B·S + B·T)
     */
    public double paddingShare() {
        return 1.0 - (double) (realSourceTokens + realTargetTokens) / paddedTokens();
    }

    /**
     * Creates the INT64 arrays with a manager (closing the manager frees them).
     *
     * @param manager the manager, on the device wanted
     * @return source (B, S), targetIn (B, T), labels (B, T)
     */
    public Tensors toArrays(NDManager manager) {
        int b = size();
        return new Tensors(
                manager.create(source, new Shape(b, sourceLength)),
                manager.create(targetIn, new Shape(b, targetLength)),
                manager.create(labels, new Shape(b, targetLength)));
    }
}
