package org.nmt4j.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.norm.Dropout;

/**
 * Dropout: during training each element is zeroed with probability {@code rate} and the others are
 * scaled by {@code 1 / (1 - rate)}; a no-op outside training or at rate 0.
 *
 * <p>On the CPU the mask is a float32 uniform draw compared with the rate, not libtorch's dropout:
 * that one draws its mask with a {@code bernoulli} kernel that takes a double (two Mersenne Twister
 * outputs) per element in a serial loop on every processor that is not Intel's, the largest cost of
 * a training step after the matrix products there (docs/BENCHMARKS.md, "Dropout"). The uniform draw
 * takes one output per element; the comparison, the cast and the scaling run in parallel. Same
 * distribution, same generator (so {@code Engine.setRandomSeed} still fixes it). On a GPU
 * libtorch's fused kernel stays.
 */
final class Dropouts {
    private Dropouts() {}

    /**
     * Applies dropout.
     *
     * @param x any array
     * @param rate the probability of zeroing an element, in [0, 1)
     * @param training whether this is a training pass
     * @return {@code x} itself when not training or at rate 0, else a new array of its shape
     */
    static NDArray apply(NDArray x, float rate, boolean training) {
        if (!training || rate <= 0f) {
            return x;
        }
        if (!Device.Type.CPU.equals(x.getDevice().getDeviceType())) {
            return Dropout.dropout(x, rate, true).singletonOrThrow();
        }
        return x.mul(mask(x, rate));
    }

    /**
     * The scaled keep mask for {@code x}: {@code 1 / (1 - rate)} where a uniform draw in [0, 1) is
     * at least {@code rate}, else 0. Not differentiable (nothing flows back into it).
     */
    static NDArray mask(NDArray x, float rate) {
        try (NDArray draw =
                        x.getManager()
                                .randomUniform(
                                        0f, 1f, x.getShape(), x.getDataType(), x.getDevice());
                NDArray keep = draw.gte(NativeScalars.like(x, rate));
                NDArray ones = keep.toType(x.getDataType(), false)) {
            return NativeScalars.times(ones, 1f / (1f - rate));
        }
    }
}
