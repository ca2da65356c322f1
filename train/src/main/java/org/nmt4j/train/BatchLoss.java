package org.nmt4j.train;

import ai.djl.ndarray.NDArray;
import org.nmt4j.train.loss.LabelSmoothedCrossEntropy;

/** The loss the loop back-propagates: label-smoothed cross-entropy sums over non-pad positions. */
@FunctionalInterface
interface BatchLoss {

    /**
     * Computes the sums of one batch.
     *
     * @param logits (B, T, V)
     * @param labels (B, T)
     * @return the loss sum, the NLL sum and the token count
     */
    LabelSmoothedCrossEntropy.Sums sums(NDArray logits, NDArray labels);
}
