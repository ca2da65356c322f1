package org.nmt4j.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.nmt4j.text.SpecialTokens;

/** Builds small seeded models and id tensors for tests. */
final class TestModels {
    static final SpecialTokens SPECIAL = SpecialTokens.DEFAULT;

    private TestModels() {}

    static ModelConfig config(
            int vocab, ModelConfig.NormPlacement norm, ModelConfig.Positions positions) {
        return new ModelConfig(
                vocab,
                vocab,
                32,
                4,
                64,
                2,
                2,
                0.1f,
                0.1f,
                norm,
                positions,
                64,
                ModelConfig.Tying.NONE,
                ModelConfig.Activation.RELU);
    }

    static ModelConfig config() {
        return config(23, ModelConfig.NormPlacement.PRE, ModelConfig.Positions.SINUSOIDAL);
    }

    /** A seeded, initialised model. */
    static Seq2SeqTransformer model(NDManager manager, ModelConfig config, long seed) {
        Engine.getInstance().setRandomSeed((int) seed);
        Seq2SeqTransformer model = new Seq2SeqTransformer(config, SPECIAL);
        model.initialize(manager, DataType.FLOAT32, new Shape(2, 5), new Shape(2, 4));
        return model;
    }

    static ParameterStore store(NDManager manager) {
        return new ParameterStore(manager, false);
    }

    /** Rows of ids, right-padded with pad to the longest row (or to {@code width} if larger). */
    static NDArray ids(NDManager manager, int width, long[]... rows) {
        int w = width;
        for (long[] r : rows) {
            w = Math.max(w, r.length);
        }
        long[] flat = new long[rows.length * w];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * w, rows[i].length);
        }
        return manager.create(flat, new Shape(rows.length, w));
    }

    /** One row left-padded to width. */
    static NDArray leftPadded(NDManager manager, int width, long... row) {
        long[] flat = new long[width];
        System.arraycopy(row, 0, flat, width - row.length, row.length);
        return manager.create(flat, new Shape(1, width));
    }
}
