package org.nmt4j.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.function.Function;

/**
 * Whole-model gradient operations. On the PyTorch engine gradients accumulate over {@code backward}
 * calls until zeroed; {@link AdamW#step} zeroes them, {@link #zero} is for batches that are
 * skipped.
 */
public final class Gradients {
    private Gradients() {}

    /**
     * Sets every trainable parameter's gradient to exactly zero (also when it holds NaN or
     * infinity).
     *
     * @param params e.g. {@code block.getParameters()}
     */
    public static void zero(ParameterList params) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            for (Parameter p : TrainableParameters.of(params).values()) {
                NDArray w = p.getArray();
                if (w instanceof PtNDArray pt) {
                    JniUtils.zeroGrad(pt);
                } else {
                    w.getGradient().set(new NDIndex(), 0f);
                }
            }
        }
    }

    /**
     * Returns the sum over all trainable parameters of the sum of their squared gradients, as a
     * float32 scalar on the parameters' device, without reading it (no host synchronisation).
     *
     * @param params e.g. {@code block.getParameters()}; a shared parameter counts once
     * @param gradients each parameter's gradient (e.g. {@code p -> p.getArray().getGradient()})
     * @return the sum; the caller closes it
     */
    public static NDArray sumOfSquares(
            ParameterList params, Function<Parameter, NDArray> gradients) {
        NDArray total = null;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            for (Parameter p : TrainableParameters.of(params).values()) {
                NDArray g = gradients.apply(p);
                NDArray squares = g.toType(DataType.FLOAT32, false).square().sum();
                total = total == null ? squares : total.addi(squares);
            }
            if (total != null) {
                NDScope.unregister(total);
            }
        }
        if (total == null) {
            throw new IllegalArgumentException("no trainable parameter");
        }
        return total;
    }

    /**
     * Returns the global L2 norm of all trainable gradients, {@code sqrt(sum over parameters of
     * sum(g^2))}, each shared parameter counted once.
     *
     * @param params e.g. {@code block.getParameters()}
     * @return the norm; NaN or infinite when a gradient is
     */
    public static double globalNorm(ParameterList params) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray total = null;
            for (Parameter p : TrainableParameters.of(params).values()) {
                NDArray squares = p.getArray().getGradient().square().sum();
                total = total == null ? squares : total.addi(squares);
            }
            return total == null ? 0.0 : Math.sqrt(total.getFloat());
        }
    }
}
