package org.nmt4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Scalars that PyTorch allocates itself, for arithmetic with a constant in differentiable code.
 *
 * <p>DJL's overloads that take a Java {@code Number} ({@code x.mul(2)}, {@code x.div(n)}, ...) wrap
 * the constant in Java memory without copying it (PyTorch's {@code from_blob}) and close it right
 * after the operation. Autograd keeps the scalar for the backward pass, so when the garbage
 * collector frees that memory in between, backward reads garbage: on the CPU about one step in
 * 300–500 got a gradient norm of 1e14, infinity or NaN (docs/training.md). A scalar made by {@link
 * NDManager#full} lives in native memory as long as autograd needs it. Use these instead of the
 * {@code Number} overloads in model layers, losses and the training step; a test forbids those
 * overloads there.
 */
public final class NativeScalars {
    private NativeScalars() {}

    /**
     * Returns a scalar (shape ()) with {@code like}'s manager, device and data type.
     *
     * @param like the array the scalar is combined with
     * @param value the value
     * @return the scalar, attached to {@code like}'s manager
     */
    public static NDArray like(NDArray like, float value) {
        return like.getManager().full(new Shape(), value, like.getDataType());
    }

    /**
     * Returns a scalar (shape ()) of a data type, on the manager's device.
     *
     * @param manager the manager that owns it
     * @param value the value
     * @param dataType the data type
     * @return the scalar
     */
    public static NDArray of(NDManager manager, float value, DataType dataType) {
        return manager.full(new Shape(), value, dataType);
    }

    /**
     * Multiplies by a constant through a native scalar: {@code x * factor}.
     *
     * @param x any array
     * @param factor the constant
     * @return a new array of {@code x}'s shape and type
     */
    public static NDArray times(NDArray x, float factor) {
        return x.mul(like(x, factor));
    }
}
