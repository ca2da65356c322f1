package org.nmt4j.train.precision;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * float16 working copies of a model's parameters, which the forward and backward passes use while
 * the parameters themselves keep the float32 master weights (fairseq's {@code --fp16}): the model's
 * blocks read every weight through {@link #getValue}, so the model code does not change, and
 * checkpoints (which save the parameters) hold the master weights. A shared parameter (tied
 * embeddings) has one copy, whose gradient adds up both uses.
 *
 * <p>After the optimiser has updated the master weights, {@link #refresh} copies them into the
 * float16 copies on the device (through a detached view, so autograd is not involved).
 */
public final class HalfPrecisionWeights extends ParameterStore implements AutoCloseable {
    private final NDManager manager;
    private final Map<Parameter, NDArray> copies = new IdentityHashMap<>();

    /**
     * Makes the copies.
     *
     * @param parameters the manager of the parameters (the copies live in a sub-manager of it)
     * @param params the model's parameters, initialised, float32
     */
    public HalfPrecisionWeights(NDManager parameters, ParameterList params) {
        super(parameters, false);
        manager = parameters.newSubManager();
        manager.setName("fp16-weights");
        for (Pair<String, Parameter> pair : params) {
            Parameter p = pair.getValue();
            if (!p.isInitialized() || copies.containsKey(p)) {
                continue;
            }
            NDArray half = p.getArray().toType(DataType.FLOAT16, true);
            half.attach(manager);
            if (p.requiresGradient()) {
                half.setRequiresGradient(true);
            }
            copies.put(p, half);
        }
    }

    /**
     * Returns the float16 copy of a parameter (the training forward pass's weight).
     *
     * @param parameter the parameter
     * @param device the device asked for (the copies live on the parameters' device)
     * @param training whether the pass records gradients
     * @return the copy
     */
    @Override
    public NDArray getValue(Parameter parameter, Device device, boolean training) {
        NDArray half = parameter == null ? null : copies.get(parameter);
        return half != null ? half : super.getValue(parameter, device, training);
    }

    /**
     * Returns the gradient of a parameter's float16 copy (scaled by the loss scale).
     *
     * @param parameter the parameter
     * @return the float16 gradient; closed by the caller (or its {@link NDScope})
     */
    public NDArray gradient(Parameter parameter) {
        return copy(parameter).getGradient();
    }

    /**
     * Returns a parameter's float16 copy.
     *
     * @param parameter the parameter
     * @return the copy
     */
    public NDArray copy(Parameter parameter) {
        NDArray half = copies.get(parameter);
        if (half == null) {
            throw new IllegalArgumentException("no float16 copy of " + parameter.getName());
        }
        return half;
    }

    /** Copies every master weight into its float16 copy, on the device. */
    public void refresh() {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            for (Map.Entry<Parameter, NDArray> e : copies.entrySet()) {
                NDArray view = e.getValue().stopGradient();
                view.set(new NDIndex(":"), e.getKey().getArray());
            }
        }
    }

    /** Sets the copies' gradients to exactly zero (also when they hold NaN or infinity). */
    public void zeroGradients() {
        for (NDArray half : copies.values()) {
            if (half instanceof PtNDArray pt) {
                JniUtils.zeroGrad(pt);
            }
        }
    }

    /** Frees the copies. */
    @Override
    public void close() {
        copies.clear();
        manager.close();
    }
}
