package org.nmt4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * Position encodings, sinusoidal (sin on the first E/2 channels, cos on the rest, as in
 * tensor2tensor and fairseq) or learned (a (maxPositions,E) table).
 *
 * <p>Positions are counted over real tokens only ({@link #positionsFromKeep}), so a left-padded
 * sentence gets the same positions for its tokens as a right-padded one. Shapes: positions (B,L)
 * int64 in, encodings (B,L,E) out.
 */
public final class PositionalEncoding extends AbstractBlock {
    private final ModelConfig.Positions kind;
    private final int modelSize;
    private final int maxPositions;
    private final Parameter table;

    /**
     * Creates the encoding.
     *
     * @param kind sinusoidal or learned
     * @param modelSize E (even)
     * @param maxPositions the largest position + 1 accepted
     */
    public PositionalEncoding(ModelConfig.Positions kind, int modelSize, int maxPositions) {
        this.kind = kind;
        this.modelSize = modelSize;
        this.maxPositions = maxPositions;
        if (kind == ModelConfig.Positions.LEARNED) {
            table =
                    addParameter(
                            Parameter.builder()
                                    .setName("table")
                                    .setType(Parameter.Type.WEIGHT)
                                    .optShape(new Shape(maxPositions, modelSize))
                                    .build());
        } else {
            table = null;
        }
        restoreInitializer();
    }

    /** Sets (again) the learned table's own N(0, E^-1/2) initialiser, after a model-wide one. */
    void restoreInitializer() {
        if (table != null) {
            table.setInitializer(new NormalInitializer((float) Math.pow(modelSize, -0.5)));
        }
    }

    /**
     * Positions of real tokens: the count of real tokens before each one. Padding gets position 0
     * (it is masked anyway).
     *
     * @param keep (B,L) boolean keep-mask from {@link Masks#keep}
     * @return (B,L) int64
     */
    public static NDArray positionsFromKeep(NDArray keep) {
        NDArray counts = keep.toType(DataType.INT64, false).cumSum(1);
        NDArray before = counts.sub(NativeScalars.like(counts, 1));
        return before.maximum(NativeScalars.like(before, 0))
                .mul(keep.toType(DataType.INT64, false));
    }

    /**
     * Positions {@code past .. past+length-1}, for incremental decoding.
     *
     * @param manager where to create them
     * @param past positions already decoded
     * @param length new positions
     * @return (1,length) int64
     */
    public static NDArray positionsAfter(NDManager manager, int past, int length) {
        return manager.arange(past, past + length, 1, DataType.INT64).reshape(1, length);
    }

    /**
     * Encodes positions.
     *
     * @param ps the parameter store
     * @param positions (B,L) int64, each below maxPositions (the model checks lengths)
     * @param dtype the dtype of the embeddings
     * @param training whether gradients are recorded
     * @return (B,L,E)
     */
    public NDArray encode(ParameterStore ps, NDArray positions, DataType dtype, boolean training) {
        if (kind == ModelConfig.Positions.LEARNED) {
            NDArray w = ps.getValue(table, positions.getDevice(), training);
            return Embedding.embedding(positions, w, SparseFormat.DENSE).singletonOrThrow();
        }
        return sinusoid(positions, dtype);
    }

    private NDArray sinusoid(NDArray positions, DataType dtype) {
        int half = modelSize / 2;
        NDManager m = positions.getManager();
        NDArray inverseFrequency =
                NativeScalars.times(
                                m.arange(0, half, 1, DataType.FLOAT32),
                                (float) (-Math.log(10000.0) / Math.max(1, half - 1)))
                        .exp();
        NDArray angles =
                positions.toType(DataType.FLOAT32, false).expandDims(-1).mul(inverseFrequency);
        return NDArrays.concat(new NDList(angles.sin(), angles.cos()), -1).toType(dtype, false);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(encode(ps, inputs.singletonOrThrow(), DataType.FLOAT32, training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0].add(modelSize)};
    }
}
