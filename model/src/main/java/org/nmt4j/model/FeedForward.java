package org.nmt4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The position-wise feed-forward block: Linear(E→F), activation, dropout, Linear(F→E).
 *
 * <p>Shapes: (B,L,E) in, (B,L,E) out.
 */
public final class FeedForward extends AbstractBlock {
    private final Linear inner;
    private final Linear outer;
    private final ModelConfig.Activation activation;
    private final float dropout;

    /**
     * Creates the block.
     *
     * @param modelSize E
     * @param ffnSize F
     * @param activation relu or gelu
     * @param dropout dropout on the inner activation
     */
    public FeedForward(
            int modelSize, int ffnSize, ModelConfig.Activation activation, float dropout) {
        this.activation = activation;
        this.dropout = dropout;
        inner = addChildBlock("inner", Linear.builder().setUnits(ffnSize).build());
        outer = addChildBlock("outer", Linear.builder().setUnits(modelSize).build());
    }

    /**
     * Applies the block.
     *
     * @param ps the parameter store
     * @param x (B,L,E)
     * @param training whether dropout is active
     * @return (B,L,E)
     */
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        NDArray h = inner.forward(ps, new NDList(x), training).singletonOrThrow();
        h =
                activation == ModelConfig.Activation.GELU
                        ? ai.djl.nn.Activation.gelu(h)
                        : ai.djl.nn.Activation.relu(h);
        h = Dropouts.apply(h, dropout, training);
        return outer.forward(ps, new NDList(h), training).singletonOrThrow();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(apply(ps, inputs.singletonOrThrow(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
        inner.initialize(manager, dataType, shapes[0]);
        outer.initialize(manager, dataType, inner.getOutputShapes(new Shape[] {shapes[0]})[0]);
    }
}
