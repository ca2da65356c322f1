package org.nmt4j.train.precision;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.ParameterList;
import ai.djl.training.ParameterStore;
import java.util.Optional;
import org.nmt4j.train.optim.AdamW;
import org.nmt4j.train.optim.Gradients;

/** float32 everywhere: the forward pass reads the parameters themselves, the loss is not scaled. */
public final class FullPrecision implements StepPrecision {
    private final ParameterList params;
    private final ParameterStore store;

    /**
     * Creates the float32 behaviour.
     *
     * @param manager the manager of the parameters
     * @param params the model's parameters
     */
    public FullPrecision(NDManager manager, ParameterList params) {
        this.params = params;
        this.store = new ParameterStore(manager, false);
    }

    @Override
    public Precision precision() {
        return Precision.FP32;
    }

    @Override
    public ParameterStore store() {
        return store;
    }

    @Override
    public NDArray lossInput(NDArray logits) {
        return logits;
    }

    @Override
    public double lossScale() {
        return 1.0;
    }

    @Override
    public NDArray gradientSquares() {
        return Gradients.sumOfSquares(params, p -> p.getArray().getGradient());
    }

    @Override
    public void update(AdamW optimizer, double lr, float gradientFactor) {
        optimizer.step(params, lr, gradientFactor, p -> p.getArray().getGradient());
    }

    @Override
    public void discardGradients() {
        Gradients.zero(params);
    }

    @Override
    public Optional<String> recordFiniteness(boolean finite) {
        return Optional.empty();
    }

    @Override
    public void close() {
        // nothing allocated
    }
}
