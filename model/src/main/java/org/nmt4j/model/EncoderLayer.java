package org.nmt4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One encoder layer: self-attention under the source padding mask, then feed-forward, each in a
 * residual with layer norm. Shapes: (B,S,E) in and out; bias (B,1,1,S).
 */
public final class EncoderLayer extends ResidualLayer {
    private final MultiHeadAttention selfAttention;
    private final FeedForward feedForward;
    private final LayerNorm attentionNorm;
    private final LayerNorm feedForwardNorm;

    /**
     * Creates the layer.
     *
     * @param config the model configuration
     */
    public EncoderLayer(ModelConfig config) {
        super(config);
        selfAttention =
                addChildBlock(
                        "self_attention",
                        new MultiHeadAttention(
                                config.modelSize(), config.heads(), config.attentionDropout()));
        attentionNorm = addChildBlock("self_attention_norm", lastAxisNorm());
        feedForward =
                addChildBlock(
                        "feed_forward",
                        new FeedForward(
                                config.modelSize(),
                                config.ffnSize(),
                                config.activation(),
                                config.dropout()));
        feedForwardNorm = addChildBlock("feed_forward_norm", lastAxisNorm());
    }

    /**
     * Applies the layer.
     *
     * @param ps the parameter store
     * @param x (B,S,E)
     * @param bias (B,1,1,S) from {@link Masks#encoderSelfAttentionBias}
     * @param training whether dropout is active
     * @return (B,S,E)
     */
    public NDArray apply(ParameterStore ps, NDArray x, NDArray bias, boolean training) {
        NDArray h =
                residual(
                        ps,
                        x,
                        attentionNorm,
                        in -> selfAttention.selfAttention(ps, in, bias, null, training).output(),
                        training);
        return residual(
                ps, h, feedForwardNorm, in -> feedForward.apply(ps, in, training), training);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(apply(ps, inputs.get(0), inputs.get(1), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
        Shape x = shapes[0];
        selfAttention.initialize(manager, dataType, x);
        attentionNorm.initialize(manager, dataType, x);
        feedForward.initialize(manager, dataType, x);
        feedForwardNorm.initialize(manager, dataType, x);
    }
}
