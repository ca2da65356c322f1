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
 * One decoder layer: causal self-attention, cross-attention over the encoder output under the
 * SOURCE padding mask, then feed-forward, each in a residual with layer norm.
 *
 * <p>Shapes: x (B,T,E), memory (B,S,E), self bias (B|1,1,T,Tk), cross bias (B,1,1,S).
 */
public final class DecoderLayer extends ResidualLayer {
    private final MultiHeadAttention selfAttention;
    private final MultiHeadAttention crossAttention;
    private final FeedForward feedForward;
    private final LayerNorm selfNorm;
    private final LayerNorm crossNorm;
    private final LayerNorm feedForwardNorm;

    /**
     * Creates the layer.
     *
     * @param config the model configuration
     */
    public DecoderLayer(ModelConfig config) {
        super(config);
        int e = config.modelSize();
        selfAttention =
                addChildBlock(
                        "self_attention",
                        new MultiHeadAttention(e, config.heads(), config.attentionDropout()));
        selfNorm = addChildBlock("self_attention_norm", lastAxisNorm());
        crossAttention =
                addChildBlock(
                        "cross_attention",
                        new MultiHeadAttention(e, config.heads(), config.attentionDropout()));
        crossNorm = addChildBlock("cross_attention_norm", lastAxisNorm());
        feedForward =
                addChildBlock(
                        "feed_forward",
                        new FeedForward(
                                e, config.ffnSize(), config.activation(), config.dropout()));
        feedForwardNorm = addChildBlock("feed_forward_norm", lastAxisNorm());
    }

    /**
     * Applies the layer.
     *
     * @param ps the parameter store
     * @param x (B,T,E) decoder states (only the new positions when caching)
     * @param memory (B,S,E) encoder output
     * @param selfBias from {@link Masks#decoderSelfAttentionBias} or {@link
     *     Masks#incrementalSelfAttentionBias} (may be null for a single cached step)
     * @param crossBias (B,1,1,S) from {@link Masks#crossAttentionBias}
     * @param selfCache this layer's self-attention cache, or null
     * @param crossCache this layer's cross-attention cache, or null
     * @param training whether dropout is active
     * @return the new states (B,T,E) and the cross-attention probabilities (B,H,T,S)
     */
    public AttentionResult apply(
            ParameterStore ps,
            NDArray x,
            NDArray memory,
            NDArray selfBias,
            NDArray crossBias,
            KeyValueCache selfCache,
            KeyValueCache crossCache,
            boolean training) {
        NDArray h =
                residual(
                        ps,
                        x,
                        selfNorm,
                        in ->
                                selfAttention
                                        .selfAttention(ps, in, selfBias, selfCache, training)
                                        .output(),
                        training);
        NDArray[] probabilities = new NDArray[1];
        h =
                residual(
                        ps,
                        h,
                        crossNorm,
                        in -> {
                            AttentionResult r =
                                    crossAttention.crossAttention(
                                            ps, in, memory, crossBias, crossCache, training);
                            probabilities[0] = r.probabilities();
                            return r.output();
                        },
                        training);
        h = residual(ps, h, feedForwardNorm, in -> feedForward.apply(ps, in, training), training);
        return new AttentionResult(h, probabilities[0]);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        throw new UnsupportedOperationException("DecoderLayer is applied through apply(...)");
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
        Shape x = shapes[0];
        selfAttention.initialize(manager, dataType, x);
        selfNorm.initialize(manager, dataType, x);
        crossAttention.initialize(manager, dataType, x);
        crossNorm.initialize(manager, dataType, x);
        feedForward.initialize(manager, dataType, x);
        feedForwardNorm.initialize(manager, dataType, x);
    }
}
