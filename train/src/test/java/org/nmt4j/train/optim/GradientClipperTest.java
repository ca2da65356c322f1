package org.nmt4j.train.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.util.Pair;
import java.util.List;
import org.junit.jupiter.api.Test;

class GradientClipperTest {
    private static final float[] G1 = {3, 0, -4, 1};
    private static final float[] G2 = {2, -2};

    /** sqrt(9 + 16 + 1 + 4 + 4) = sqrt(34). */
    private static final double NORM = Math.sqrt(34);

    private static Parameter[] withGradients(NDManager m) {
        Parameter a = GradFixtures.parameter(m, "a", new float[] {1, 1, 1, 1}, new Shape(2, 2));
        Parameter b = GradFixtures.parameter(m, "b", new float[] {1, 1}, new Shape(2));
        GradFixtures.setGradients(m, new Parameter[] {a, b}, new float[][] {G1, G2});
        return new Parameter[] {a, b};
    }

    private static float[] scaled(float[] g, double factor) {
        float[] out = new float[g.length];
        for (int i = 0; i < g.length; i++) {
            out[i] = (float) (g[i] * factor);
        }
        return out;
    }

    @Test
    void normAboveLimit_scalesEveryGradientByTheSameFactor() {
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter[] p = withGradients(m);
            double before = GradientClipper.clipGlobalNorm(GradFixtures.list(p), 1.0);
            assertEquals(NORM, before, 1e-5);
            double factor = 1.0 / (NORM + 1e-6);
            assertArrayEquals(scaled(G1, factor), GradFixtures.grad(p[0]), 1e-6f);
            assertArrayEquals(scaled(G2, factor), GradFixtures.grad(p[1]), 1e-6f);
            assertEquals(1.0, Gradients.globalNorm(GradFixtures.list(p)), 1e-5);
        }
    }

    @Test
    void normWithinLimit_leavesGradientsUnchanged() {
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter[] p = withGradients(m);
            assertEquals(NORM, GradientClipper.clipGlobalNorm(GradFixtures.list(p), 10.0), 1e-5);
            assertArrayEquals(G1, GradFixtures.grad(p[0]));
            assertArrayEquals(G2, GradFixtures.grad(p[1]));
            assertEquals(NORM, GradientClipper.clipGlobalNorm(GradFixtures.list(p), 0), 1e-5);
            assertArrayEquals(G1, GradFixtures.grad(p[0]), "maxNorm 0 only measures");
        }
    }

    @Test
    void sharedParameter_countsOnceInTheNorm() {
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter[] p = withGradients(m);
            ParameterList twice =
                    new ParameterList(
                            List.of(
                                    new Pair<>("a", p[0]),
                                    new Pair<>("b", p[1]),
                                    new Pair<>("a_again", p[0])));
            assertEquals(NORM, Gradients.globalNorm(twice), 1e-5);
        }
    }

    @Test
    void nonFiniteNorm_isReturnedAndGradientsAreLeft_thenZeroClearsThem() {
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter a = GradFixtures.parameter(m, "a", new float[] {1, 1}, new Shape(2));
            GradFixtures.setGradients(m, new Parameter[] {a}, new float[][] {{Float.NaN, 1f}});
            assertTrue(Double.isNaN(GradientClipper.clipGlobalNorm(GradFixtures.list(a), 1.0)));
            assertEquals(1f, GradFixtures.grad(a)[1]);
            Gradients.zero(GradFixtures.list(a));
            assertArrayEquals(new float[] {0, 0}, GradFixtures.grad(a));
        }
    }
}
