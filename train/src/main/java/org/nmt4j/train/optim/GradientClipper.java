package org.nmt4j.train.optim;

import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;

/**
 * Global-norm gradient clipping, as {@code torch.nn.utils.clip_grad_norm_} does it: when the norm
 * of all gradients together exceeds the limit, every gradient is scaled by the same factor {@code
 * maxNorm / (norm + 1e-6)}. (DJL's {@code optClipGrad} clamps each value from above only.)
 */
public final class GradientClipper {
    private static final double TINY = 1e-6;

    private GradientClipper() {}

    /**
     * Clips the gradients in place.
     *
     * @param params e.g. {@code block.getParameters()}; a shared parameter counts once
     * @param maxNorm the largest allowed global norm; {@code <= 0} only measures
     * @return the global norm before clipping; when it is NaN or infinite the gradients are left as
     *     they are (the caller skips the batch)
     */
    public static double clipGlobalNorm(ParameterList params, double maxNorm) {
        double norm = Gradients.globalNorm(params);
        if (maxNorm > 0 && Double.isFinite(norm) && norm > maxNorm) {
            float factor = (float) (maxNorm / (norm + TINY));
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                for (Parameter p : TrainableParameters.of(params).values()) {
                    p.getArray().getGradient().muli(factor);
                }
            }
        }
        return norm;
    }
}
