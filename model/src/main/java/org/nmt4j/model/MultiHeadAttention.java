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
 * Scaled dot-product multi-head attention, used three ways through typed methods: encoder
 * self-attention, decoder causal self-attention, and cross-attention over the encoder output.
 *
 * <p>Shapes: B batch, Tq query length, Tk key length, H heads, E model size, D = E/H. Queries
 * (B,Tq,E); keys/values come from the same sequence (self) or the encoder output (B,S,E) (cross). A
 * bias from {@link Masks} of shape (B|1, 1, Tq|1, Tk) is added to the scores (B,H,Tq,Tk).
 */
public final class MultiHeadAttention extends AbstractBlock {
    private final int modelSize;
    private final int heads;
    private final float dropout;
    private final Linear query;
    private final Linear keyValue;
    private final Linear output;

    /**
     * Creates the block.
     *
     * @param modelSize E
     * @param heads H, dividing E
     * @param dropout dropout on attention probabilities
     */
    public MultiHeadAttention(int modelSize, int heads, float dropout) {
        if (modelSize % heads != 0) {
            throw new IllegalArgumentException("modelSize must be divisible by heads");
        }
        this.modelSize = modelSize;
        this.heads = heads;
        this.dropout = dropout;
        query = addChildBlock("query", Linear.builder().setUnits(modelSize).build());
        keyValue = addChildBlock("key_value", Linear.builder().setUnits(2L * modelSize).build());
        output = addChildBlock("output", Linear.builder().setUnits(modelSize).build());
    }

    /**
     * Self-attention: queries, keys and values all come from {@code x}. With a cache, {@code x}
     * holds only the new positions and the keys/values of earlier steps are reused.
     *
     * @param ps the parameter store
     * @param x (B,T,E)
     * @param bias (B|1,1,T|1,Tk) from {@link Masks}, or null for none
     * @param cache this layer's self-attention cache, or null for a full pass
     * @param training whether dropout is active
     * @return output (B,T,E) and probabilities (B,H,T,Tk)
     */
    public AttentionResult selfAttention(
            ParameterStore ps, NDArray x, NDArray bias, KeyValueCache cache, boolean training) {
        NDArray q = splitHeads(project(ps, query, x, training));
        NDList kv = project(ps, keyValue, x, training).split(2, 2);
        NDArray k = splitHeads(kv.get(0));
        NDArray v = splitHeads(kv.get(1));
        if (cache != null) {
            cache.append(k, v);
            k = cache.keys();
            v = cache.values();
        }
        return attend(ps, q, k, v, bias, training);
    }

    /**
     * Cross-attention: decoder queries over the encoder output. With a cache, the projected keys
     * and values of the memory are computed on the first call and reused afterwards.
     *
     * @param ps the parameter store
     * @param x decoder states (B,T,E)
     * @param memory encoder output (B,S,E)
     * @param bias (B,1,1,S) from {@link Masks#crossAttentionBias} (the SOURCE padding)
     * @param cache this layer's cross-attention cache, or null
     * @param training whether dropout is active
     * @return output (B,T,E) and probabilities (B,H,T,S)
     */
    public AttentionResult crossAttention(
            ParameterStore ps,
            NDArray x,
            NDArray memory,
            NDArray bias,
            KeyValueCache cache,
            boolean training) {
        NDArray q = splitHeads(project(ps, query, x, training));
        NDArray k;
        NDArray v;
        if (cache != null && !cache.isEmpty()) {
            k = cache.keys();
            v = cache.values();
        } else {
            NDList kv = project(ps, keyValue, memory, training).split(2, 2);
            k = splitHeads(kv.get(0));
            v = splitHeads(kv.get(1));
            if (cache != null) {
                cache.set(k, v);
            }
        }
        return attend(ps, q, k, v, bias, training);
    }

    private AttentionResult attend(
            ParameterStore ps, NDArray q, NDArray k, NDArray v, NDArray bias, boolean training) {
        double scale = 1.0 / Math.sqrt((double) modelSize / heads);
        // not mul(Number): see NativeScalars
        NDArray scores = NativeScalars.times(q, (float) scale).matMul(k.transpose(0, 1, 3, 2));
        if (bias != null) {
            scores = scores.add(bias);
        }
        NDArray probs = scores.softmax(-1);
        NDArray attended = probs;
        if (training && dropout > 0f) {
            attended = Dropouts.apply(probs, dropout, true);
        }
        NDArray context = mergeHeads(attended.matMul(v));
        return new AttentionResult(project(ps, output, context, training), probs);
    }

    private static NDArray project(ParameterStore ps, Linear layer, NDArray x, boolean training) {
        return layer.forward(ps, new NDList(x), training).singletonOrThrow();
    }

    /** (B,L,E) to (B,H,L,D). */
    private NDArray splitHeads(NDArray x) {
        Shape s = x.getShape();
        return x.reshape(s.get(0), s.get(1), heads, s.get(2) / heads).transpose(0, 2, 1, 3);
    }

    /** (B,H,L,D) to (B,L,E). */
    private NDArray mergeHeads(NDArray x) {
        Shape s = x.getShape();
        return x.transpose(0, 2, 1, 3).reshape(s.get(0), s.get(2), modelSize);
    }

    /** Not supported: call {@link #selfAttention} or {@link #crossAttention}. */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        throw new UnsupportedOperationException(
                "MultiHeadAttention has typed entry points: selfAttention or crossAttention");
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
        Shape x = shapes[0];
        query.initialize(manager, dataType, x);
        keyValue.initialize(manager, dataType, x);
        output.initialize(manager, dataType, x);
    }
}
