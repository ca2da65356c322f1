package org.nmt4j.train.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdamWTest {
    @TempDir Path tmp;

    /** A hand-rolled Adam on doubles, following the documented update. */
    private static final class ReferenceAdam {
        final double b1;
        final double b2;
        final double eps;
        final double wd;
        final double[] m;
        final double[] v;
        int t;

        ReferenceAdam(int n, double b1, double b2, double eps, double wd) {
            this.b1 = b1;
            this.b2 = b2;
            this.eps = eps;
            this.wd = wd;
            m = new double[n];
            v = new double[n];
        }

        void step(double[] w, float[] g, double lr) {
            t++;
            double stepSize = lr * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t));
            for (int i = 0; i < w.length; i++) {
                w[i] -= lr * wd * w[i];
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                w[i] -= stepSize * m[i] / (Math.sqrt(v[i]) + eps);
            }
        }
    }

    private static float[] random(Random r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }

    private void matchesReference(double weightDecay) {
        Random r = new Random(11);
        float[] w0 = random(r, 6);
        try (NDManager m = NDManager.newBaseManager();
                AdamW adam = new AdamW(0.9, 0.98, 1e-9, weightDecay)) {
            Parameter p = GradFixtures.parameter(m, "w", w0, new Shape(2, 3));
            ReferenceAdam ref = new ReferenceAdam(6, 0.9, 0.98, 1e-9, weightDecay);
            double[] expected = new double[6];
            for (int i = 0; i < 6; i++) {
                expected[i] = w0[i];
            }
            for (int step = 1; step <= 20; step++) {
                float[] g = random(r, 6);
                GradFixtures.setGradients(m, new Parameter[] {p}, new float[][] {g});
                double lr = 1e-2 * step / 20.0;
                adam.step(GradFixtures.list(p), lr);
                ref.step(expected, g, lr);
                float[] actual = p.getArray().toFloatArray();
                for (int i = 0; i < 6; i++) {
                    assertEquals(expected[i], actual[i], 1e-5, "step " + step + " element " + i);
                }
                assertArrayEquals(new float[6], GradFixtures.grad(p), "step zeroes gradients");
            }
            assertEquals(20, adam.steps());
        }
    }

    @Test
    void step_matchesHandRolledAdam_overTwentySteps() {
        matchesReference(0.0);
    }

    @Test
    void step_withDecoupledWeightDecay_matchesHandRolledAdamW() {
        matchesReference(0.01);
    }

    @Test
    void sharedParameter_isUpdatedOnce() {
        try (NDManager m = NDManager.newBaseManager();
                AdamW once = new AdamW(0.9, 0.98, 1e-9, 0);
                AdamW twice = new AdamW(0.9, 0.98, 1e-9, 0)) {
            float[] w0 = {1, 2, 3};
            float[] g = {0.5f, -1f, 2f};
            Parameter a = GradFixtures.parameter(m, "a", w0, new Shape(3));
            Parameter b = GradFixtures.parameter(m, "b", w0, new Shape(3));
            GradFixtures.setGradients(m, new Parameter[] {a, b}, new float[][] {g, g});
            once.step(GradFixtures.list(a), 0.1);
            ParameterList tied =
                    new ParameterList(
                            java.util.List.of(
                                    new ai.djl.util.Pair<>("embedding", b),
                                    new ai.djl.util.Pair<>("output", b)));
            twice.step(tied, 0.1);
            assertArrayEquals(a.getArray().toFloatArray(), b.getArray().toFloatArray());
        }
    }

    private static byte[] bytes(AdamW adam) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        adam.save(new DataOutputStream(bos));
        return bos.toByteArray();
    }

    @Test
    void savedState_loadsBackExactly_andContinuesIdentically() throws IOException {
        Random r = new Random(5);
        float[] w0 = random(r, 8);
        try (NDManager m = NDManager.newBaseManager();
                AdamW original = new AdamW(0.9, 0.98, 1e-9, 0);
                AdamW restored = new AdamW(0.9, 0.98, 1e-9, 0)) {
            Parameter p = GradFixtures.parameter(m, "w", w0, new Shape(8));
            for (int i = 0; i < 3; i++) {
                GradFixtures.setGradients(m, new Parameter[] {p}, new float[][] {random(r, 8)});
                original.step(GradFixtures.list(p), 0.01);
            }
            Path file = tmp.resolve("optimizer.bin");
            original.save(file);
            Parameter q = GradFixtures.parameter(m, "w", p.getArray().toFloatArray(), new Shape(8));
            restored.load(file, GradFixtures.list(q));
            assertEquals(3, restored.steps());
            assertArrayEquals(bytes(original), bytes(restored));

            float[] g = random(r, 8);
            GradFixtures.setGradients(m, new Parameter[] {p, q}, new float[][] {g, g});
            original.step(GradFixtures.list(p), 0.02);
            restored.step(GradFixtures.list(q), 0.02);
            assertArrayEquals(p.getArray().toFloatArray(), q.getArray().toFloatArray());
        }
    }

    @Test
    void loadingStateOfAnotherModel_failsNamingTheFileAndParameter() throws IOException {
        try (NDManager m = NDManager.newBaseManager();
                AdamW adam = new AdamW(0.9, 0.98, 1e-9, 0);
                AdamW other = new AdamW(0.9, 0.98, 1e-9, 0)) {
            Parameter p = GradFixtures.parameter(m, "w", new float[] {1, 2}, new Shape(2));
            GradFixtures.setGradients(m, new Parameter[] {p}, new float[][] {{1, 1}});
            adam.step(GradFixtures.list(p), 0.1);
            Path file = tmp.resolve("optimizer.bin");
            adam.save(file);
            Parameter wrongShape =
                    GradFixtures.parameter(m, "w", new float[] {1, 2, 3}, new Shape(3));
            IOException shape =
                    assertThrows(
                            IOException.class,
                            () -> other.load(file, GradFixtures.list(wrongShape)));
            assertTrue(shape.getMessage().contains(file.toString()), shape.getMessage());
            assertTrue(shape.getMessage().contains("state for w is (2)"), shape.getMessage());
            Parameter wrongName = GradFixtures.parameter(m, "v", new float[] {1, 2}, new Shape(2));
            IOException name =
                    assertThrows(
                            IOException.class,
                            () -> other.load(file, GradFixtures.list(wrongName)));
            assertTrue(name.getMessage().contains("which the model lacks"), name.getMessage());
            assertEquals(0, other.steps(), "a failed load leaves the state as it was");
        }
    }

    @Test
    void stepsAndClipping_leaveNoArraysBehind() {
        Random r = new Random(9);
        try (NDManager m = NDManager.newBaseManager();
                AdamW adam = new AdamW(0.9, 0.98, 1e-9, 0.01)) {
            Parameter p = GradFixtures.parameter(m, "w", random(r, 64), new Shape(8, 8));
            GradFixtures.setGradients(m, new Parameter[] {p}, new float[][] {random(r, 64)});
            adam.step(GradFixtures.list(p), 0.01);
            int live = m.getManagedArrays().size();
            for (int i = 0; i < 200; i++) {
                GradFixtures.setGradients(m, new Parameter[] {p}, new float[][] {random(r, 64)});
                GradientClipper.clipGlobalNorm(GradFixtures.list(p), 0.5);
                adam.step(GradFixtures.list(p), 0.01);
            }
            assertEquals(live, m.getManagedArrays().size());
        }
    }

    @Test
    void badHyperParameters_areRejected() {
        assertThrows(IllegalArgumentException.class, () -> new AdamW(1.0, 0.98, 1e-9, 0));
        assertThrows(IllegalArgumentException.class, () -> new AdamW(0.9, 0.98, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new AdamW(0.9, 0.98, 1e-9, -1));
    }
}
