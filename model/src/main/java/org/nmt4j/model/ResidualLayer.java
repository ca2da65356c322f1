package org.nmt4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import java.util.function.UnaryOperator;

/**
 * The residual wiring shared by encoder and decoder layers, pre- or post-norm:
 *
 * <pre>
 * pre:  x + dropout(f(norm(x)))
 * post: norm(x + dropout(f(x)))
 * </pre>
 *
 * Layer normalisation is over the last axis (E) only.
 */
abstract class ResidualLayer extends AbstractBlock {
    private final ModelConfig.NormPlacement placement;
    private final float dropout;

    ResidualLayer(ModelConfig config) {
        placement = config.norm();
        dropout = config.dropout();
    }

    /** A layer norm over the last axis of (B,L,E). */
    static LayerNorm lastAxisNorm() {
        return LayerNorm.builder().axis(2).build();
    }

    NDArray residual(
            ParameterStore ps,
            NDArray x,
            LayerNorm norm,
            UnaryOperator<NDArray> sublayer,
            boolean training) {
        if (placement == ModelConfig.NormPlacement.PRE) {
            NDArray y = sublayer.apply(normalize(ps, norm, x, training));
            return x.add(Dropouts.apply(y, dropout, training));
        }
        NDArray y = sublayer.apply(x);
        return normalize(ps, norm, x.add(Dropouts.apply(y, dropout, training)), training);
    }

    static NDArray normalize(ParameterStore ps, LayerNorm norm, NDArray x, boolean training) {
        return norm.forward(ps, new NDList(x), training).singletonOrThrow();
    }
}
