package org.nmt4j.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.nmt4j.text.SpecialTokens;

/**
 * Builds small seeded models and id tensors for tests, on the device of the system property {@code
 * nmt.test.device} ({@code cpu}, the default; {@code gpu}; {@code gpu:N}), so that the mask
 * regression suite can run on a GPU: {@code ./mvnw -Dnmt.gpu -DskipTests=false
 * -Dnmt.test.device=gpu -pl model -am test} (bench/gpu/run.sh).
 */
public final class TestModels {
    static final SpecialTokens SPECIAL = SpecialTokens.DEFAULT;

    /** The system property naming the tests' device. */
    static final String DEVICE_PROPERTY = "nmt.test.device";

    private TestModels() {}

    /** The device the tests run on: {@code nmt.test.device}, the CPU by default. */
    static Device device() {
        String spec = System.getProperty(DEVICE_PROPERTY, "cpu").strip();
        if (spec.equals("cpu")) {
            return Device.cpu();
        }
        if (spec.equals("gpu")) {
            return Device.gpu(0);
        }
        if (spec.matches("gpu:[0-9]+")) {
            return Device.gpu(Integer.parseInt(spec.substring(4)));
        }
        throw new IllegalArgumentException(
                DEVICE_PROPERTY + " must be cpu, gpu or gpu:N, got '" + spec + "'");
    }

    /** A base manager on the tests' device. */
    static NDManager manager() {
        return NDManager.newBaseManager(device());
    }

    public static ModelConfig config(
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

    public static ModelConfig config() {
        return config(23, ModelConfig.NormPlacement.PRE, ModelConfig.Positions.SINUSOIDAL);
    }

    /** A seeded, initialised model. */
    public static Seq2SeqTransformer model(NDManager manager, ModelConfig config, long seed) {
        Engine.getInstance().setRandomSeed((int) seed);
        Seq2SeqTransformer model = new Seq2SeqTransformer(config, SPECIAL);
        model.initialize(manager, DataType.FLOAT32, new Shape(2, 5), new Shape(2, 4));
        return model;
    }

    public static ParameterStore store(NDManager manager) {
        return new ParameterStore(manager, false);
    }

    /** Rows of ids, right-padded with pad to the longest row (or to {@code width} if larger). */
    public static NDArray ids(NDManager manager, int width, long[]... rows) {
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
