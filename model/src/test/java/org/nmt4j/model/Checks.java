package org.nmt4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;

/** Assertions shared by the mask regression tests. */
final class Checks {
    private Checks() {}

    /**
     * Asserts that attention probabilities (B,H,T,S) are exactly 0 on every source pad position and
     * that each row sums to 1.
     */
    static void sourcePaddingGetsZeroProbability(NDArray probabilities, NDArray sourceKeep) {
        long b = probabilities.getShape().get(0);
        long s = probabilities.getShape().get(3);
        assertEquals(sourceKeep.getShape().get(1), s, "probabilities must range over S keys");
        float[] p = probabilities.toFloatArray();
        boolean[] keep = sourceKeep.toBooleanArray();
        long rowsPerBatch = p.length / b / s;
        for (int i = 0; i < b; i++) {
            for (long r = 0; r < rowsPerBatch; r++) {
                double sum = 0;
                for (int j = 0; j < s; j++) {
                    float v = p[(int) ((i * rowsPerBatch + r) * s + j)];
                    sum += v;
                    if (!keep[(int) (i * s + j)]) {
                        assertEquals(
                                0f,
                                v,
                                "probability on source pad (batch " + i + ", key " + j + ")");
                    }
                }
                assertEquals(1.0, sum, 1e-5, "row sum");
            }
        }
    }

    static void allFinite(NDArray a, String what) {
        for (float v : a.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray()) {
            assertTrue(Float.isFinite(v), what + " has a non-finite value " + v);
        }
    }

    static void close(NDArray expected, NDArray actual, double tolerance, String what) {
        assertEquals(expected.getShape(), actual.getShape(), what + " shape");
        float[] e = expected.toFloatArray();
        float[] a = actual.toFloatArray();
        double worst = 0;
        for (int i = 0; i < e.length; i++) {
            worst = Math.max(worst, Math.abs(e[i] - a[i]));
        }
        assertTrue(worst <= tolerance, what + ": max abs difference " + worst + " > " + tolerance);
    }

    /** Rows [from, to) of the batch axis, positions [0, len) of axis 1. */
    static NDArray slice(NDArray a, int row, int length) {
        return a.get(new NDIndex("{}:{}, 0:{}", row, row + 1, length));
    }
}
