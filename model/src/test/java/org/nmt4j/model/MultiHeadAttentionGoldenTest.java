package org.nmt4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One cross-attention forward pass (H=2, head size 4, source padding mask) against numbers computed
 * independently in NumPy from the paper's equations: see {@code golden/mha_golden.py} in the test
 * resources, which wrote {@code golden/mha_golden.txt} ({@code /usr/bin/python3 mha_golden.py >
 * mha_golden.txt}). Inputs and weights are closed-form functions of their flat index, built
 * identically here.
 */
class MultiHeadAttentionGoldenTest {
    private static final int E = 8;
    private static final int H = 2;
    private static final int B = 2;
    private static final int T = 3;
    private static final int S = 5;

    @Test
    void crossAttention_withSourceMask_matchesIndependentNumpyReference() throws IOException {
        Map<String, float[]> golden = readGolden();
        try (NDManager m = TestModels.manager()) {
            MultiHeadAttention attention = new MultiHeadAttention(E, H, 0f);
            attention.initialize(m, DataType.FLOAT32, new Shape(B, T, E));
            set(attention, "query_weight", values(m, new Shape(E, E), 1.0, 0.5));
            set(attention, "query_bias", values(m, new Shape(E), 2.0, 0.1));
            set(attention, "key_value_weight", values(m, new Shape(2 * E, E), 3.0, 0.5));
            set(attention, "key_value_bias", values(m, new Shape(2 * E), 4.0, 0.1));
            set(attention, "output_weight", values(m, new Shape(E, E), 5.0, 0.5));
            set(attention, "output_bias", values(m, new Shape(E), 6.0, 0.1));
            NDArray x = values(m, new Shape(B, T, E), 7.0, 1.0);
            NDArray memory = values(m, new Shape(B, S, E), 8.0, 1.0);
            NDArray keep =
                    m.create(
                            new boolean[] {
                                true, true, true, false, false, true, true, true, true, true
                            },
                            new Shape(B, S));
            AttentionResult r =
                    attention.crossAttention(
                            TestModels.store(m),
                            x,
                            memory,
                            Masks.crossAttentionBias(keep, DataType.FLOAT32),
                            null,
                            false);
            assertClose(golden.get("output"), r.output().toFloatArray(), "output");
            assertClose(golden.get("probabilities"), r.probabilities().toFloatArray(), "probs");
        }
    }

    private static NDArray values(NDManager m, Shape shape, double phase, double scale) {
        float[] v = new float[(int) shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (Math.sin(i * 0.7 + phase) * scale);
        }
        return m.create(v, shape);
    }

    private static void set(MultiHeadAttention block, String suffix, NDArray value) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getKey().endsWith(suffix)) {
                assertEquals(value.getShape(), p.getValue().getArray().getShape(), suffix);
                p.getValue().getArray().set(value.toFloatArray());
                return;
            }
        }
        throw new AssertionError("no parameter ending in " + suffix);
    }

    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + " size");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-5, what + "[" + i + "]");
        }
    }

    private static Map<String, float[]> readGolden() throws IOException {
        Map<String, float[]> out = new HashMap<>();
        try (InputStream in =
                MultiHeadAttentionGoldenTest.class.getResourceAsStream("/golden/mha_golden.txt")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String line : text.split("\n")) {
                String[] parts = line.trim().split(" ");
                float[] v = new float[parts.length - 1];
                for (int i = 1; i < parts.length; i++) {
                    v[i - 1] = Float.parseFloat(parts[i]);
                }
                out.put(parts[0], v);
            }
        }
        return out;
    }
}
