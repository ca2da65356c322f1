package org.nmt4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * A token embedding matrix (V,E), used to embed ids (scaled by sqrt(E)) and, when tied, as the
 * output projection (logits = states · Wᵀ).
 */
public final class TokenEmbedding extends AbstractBlock {
    private final Parameter weight;
    private final float scale;

    /**
     * Creates the embedding, initialised from N(0, E^-1/2) so that scaled embeddings have unit
     * variance.
     *
     * @param vocabSize V
     * @param modelSize E
     */
    public TokenEmbedding(int vocabSize, int modelSize) {
        scale = (float) Math.sqrt(modelSize);
        weight =
                addParameter(
                        Parameter.builder()
                                .setName("weight")
                                .setType(Parameter.Type.WEIGHT)
                                .optShape(new Shape(vocabSize, modelSize))
                                .build());
        restoreInitializer();
    }

    /** Sets (again) this table's own N(0, E^-1/2) initialiser, after a model-wide one. */
    void restoreInitializer() {
        weight.setInitializer(new NormalInitializer((float) (1.0 / scale)));
    }

    /**
     * Embeds token ids.
     *
     * @param ps the parameter store
     * @param ids (B,L) int64
     * @param training whether gradients are recorded
     * @return (B,L,E), scaled by sqrt(E)
     */
    public NDArray embed(ParameterStore ps, NDArray ids, boolean training) {
        NDArray w = ps.getValue(weight, ids.getDevice(), training);
        NDArray e = Embedding.embedding(ids, w, SparseFormat.DENSE).singletonOrThrow();
        return NativeScalars.times(e, scale); // not mul(Number): see NativeScalars
    }

    /**
     * Projects states onto the vocabulary with this matrix (weight tying).
     *
     * @param ps the parameter store
     * @param states (B,T,E)
     * @param training whether gradients are recorded
     * @return logits (B,T,V)
     */
    public NDArray project(ParameterStore ps, NDArray states, boolean training) {
        NDArray w = ps.getValue(weight, states.getDevice(), training);
        return Linear.linear(states, w).singletonOrThrow();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(embed(ps, inputs.singletonOrThrow(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0].add(weight.getShape().get(1))};
    }
}
