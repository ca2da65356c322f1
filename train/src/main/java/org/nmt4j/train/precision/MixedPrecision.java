package org.nmt4j.train.precision;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.ParameterList;
import ai.djl.training.ParameterStore;
import java.util.Locale;
import java.util.Optional;
import org.nmt4j.train.optim.AdamW;
import org.nmt4j.train.optim.Gradients;

/**
 * fairseq's {@code --fp16}: the forward and backward passes run in float16 ({@link
 * HalfPrecisionWeights}); the logits are brought to float32 for the loss by adding a float32 zero
 * of shape (1) (DJL's {@code toType} runs without autograd and would cut the graph, while type
 * promotion keeps it); the loss is multiplied by the {@link LossScaler}'s scale; the float16
 * gradients are converted to float32, unscaled and clipped inside Adam's update of the float32
 * master weights (the parameters), whose moments are float32 too; then the float16 copies are
 * refreshed. A step with NaN or infinite gradients is skipped and halves the scale.
 *
 * <p>Shapes: logits (B,T,V); B batch, T target length, V target vocabulary.
 */
public final class MixedPrecision implements StepPrecision {
    private final ParameterList params;
    private final HalfPrecisionWeights weights;
    private final LossScaler scaler;
    private final NDManager constants;
    private final NDArray zero;

    /**
     * Makes the float16 copies of the parameters.
     *
     * @param manager the manager of the parameters
     * @param params the model's parameters (float32; they stay the master weights)
     * @param scaler the loss scaler (restored from a checkpoint when resuming)
     */
    public MixedPrecision(NDManager manager, ParameterList params, LossScaler scaler) {
        this.params = params;
        this.scaler = scaler;
        this.weights = new HalfPrecisionWeights(manager, params);
        this.constants = manager.newSubManager();
        this.zero = constants.zeros(new Shape(1), DataType.FLOAT32);
    }

    @Override
    public Precision precision() {
        return Precision.FP16;
    }

    @Override
    public ParameterStore store() {
        return weights;
    }

    /**
     * Returns the float16 copies.
     *
     * @return the working weights
     */
    public HalfPrecisionWeights weights() {
        return weights;
    }

    @Override
    public NDArray lossInput(NDArray logits) {
        return logits.getDataType() == DataType.FLOAT32 ? logits : logits.add(zero);
    }

    @Override
    public double lossScale() {
        return scaler.scale();
    }

    @Override
    public NDArray gradientSquares() {
        return Gradients.sumOfSquares(params, weights::gradient);
    }

    @Override
    public void update(AdamW optimizer, double lr, float gradientFactor) {
        optimizer.step(
                params,
                lr,
                gradientFactor,
                p -> weights.gradient(p).toType(DataType.FLOAT32, false));
        weights.zeroGradients();
        weights.refresh();
    }

    @Override
    public void discardGradients() {
        weights.zeroGradients();
    }

    @Override
    public Optional<String> recordFiniteness(boolean finite) {
        if (finite) {
            scaler.clean();
            return Optional.empty();
        }
        scaler.overflow();
        return Optional.of(
                String.format(Locale.ROOT, "fp16 loss scale lowered to %s", scaler.scale()));
    }

    @Override
    public void close() {
        constants.close();
        weights.close();
    }
}
