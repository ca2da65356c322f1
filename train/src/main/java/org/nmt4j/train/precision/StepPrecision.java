package org.nmt4j.train.precision;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import org.nmt4j.train.optim.AdamW;

/**
 * What the training loop does differently in each numeric precision ({@code train.precision}):
 * which weights the forward pass reads, how the logits reach the float32 loss, by how much the loss
 * is scaled before back-propagation, and how the gradients update the weights. Nothing here reads a
 * value back to the host: the loop reads one vector per optimiser step.
 *
 * <p>Shapes: logits (B,T,V); B batch, T target length, V target vocabulary.
 */
public interface StepPrecision extends AutoCloseable {

    /**
     * Returns the precision.
     *
     * @return fp32 or fp16
     */
    Precision precision();

    /**
     * Returns the parameter store the training forward pass reads its weights from.
     *
     * @return the store
     */
    ParameterStore store();

    /**
     * Returns the logits the loss is computed from: float32, still in the autograd graph.
     *
     * @param logits (B,T,V) of the model's dtype
     * @return (B,T,V) float32
     */
    NDArray lossInput(NDArray logits);

    /**
     * Returns the factor the loss is multiplied by before back-propagation (1 in fp32).
     *
     * @return the loss scale
     */
    double lossScale();

    /**
     * Returns the sum of the squared gradients as they are (multiplied by {@link #lossScale()}), as
     * a float32 scalar on the device, not read. NaN or infinite when a gradient is.
     *
     * @return the sum; the caller closes it
     */
    NDArray gradientSquares();

    /**
     * Updates the weights from the gradients, each multiplied by {@code gradientFactor} (clipping
     * and the inverse of the loss scale), and zeroes the gradients.
     *
     * @param optimizer the optimiser
     * @param lr the learning rate
     * @param gradientFactor multiplies the gradients as they are
     */
    void update(AdamW optimizer, double lr, float gradientFactor);

    /** Zeroes the gradients of a step that is skipped (also when they hold NaN or infinity). */
    void discardGradients();

    /**
     * Records whether a step's gradients were finite; in fp16 this drives the loss scale.
     *
     * @param finite whether the loss and every gradient were finite
     * @return a message when the step was not finite and this precision absorbs it (fp16: the scale
     *     was lowered, e.g. {@code "loss scale lowered to 64"}); empty when the loop's non-finite
     *     guard should judge the step
     */
    java.util.Optional<String> recordFiniteness(boolean finite);

    /** Frees what this precision allocated (fp16 copies of the weights). */
    @Override
    void close();
}
