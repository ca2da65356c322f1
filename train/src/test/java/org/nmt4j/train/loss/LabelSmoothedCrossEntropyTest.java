package org.nmt4j.train.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LabelSmoothedCrossEntropyTest {
    private static final int B = 2;
    private static final int T = 3;
    private static final int V = 5;

    /** Two rows, right-padded with 0: 3 and 2 real labels. */
    private static final long[][] LABELS = {{4, 2, 3}, {1, 3, 0}};

    private static float[] logits(long seed) {
        Random r = new Random(seed);
        float[] x = new float[B * T * V];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextGaussian() * 3);
        }
        return x;
    }

    /** Hand computation in double: sum over non-pad positions, and their count. */
    private static double[] handSum(float[] x, double eps) {
        double sum = 0;
        int count = 0;
        for (int b = 0; b < B; b++) {
            for (int t = 0; t < T; t++) {
                int y = (int) LABELS[b][t];
                if (y == 0) {
                    continue;
                }
                int off = (b * T + t) * V;
                double max = Double.NEGATIVE_INFINITY;
                for (int v = 0; v < V; v++) {
                    max = Math.max(max, x[off + v]);
                }
                double z = 0;
                for (int v = 0; v < V; v++) {
                    z += Math.exp(x[off + v] - max);
                }
                double logZ = max + Math.log(z);
                double nll = logZ - x[off + y];
                double uniform = 0;
                for (int v = 0; v < V; v++) {
                    uniform += (logZ - x[off + v]) / V;
                }
                sum += (1 - eps) * nll + eps * uniform;
                count++;
            }
        }
        return new double[] {sum, count};
    }

    private static NDArray labels(NDManager m) {
        return m.create(new long[] {4, 2, 3, 1, 3, 0}, new Shape(B, T));
    }

    @Test
    void withoutSmoothing_equalsHandComputedCrossEntropy_meanOverNonPadTokens() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] x = logits(1);
            LabelSmoothedCrossEntropy loss = new LabelSmoothedCrossEntropy(0.0, 0);
            NDArray value =
                    loss.evaluate(
                            new NDList(labels(m)), new NDList(m.create(x, new Shape(B, T, V))));
            double[] hand = handSum(x, 0.0);
            assertEquals(hand[0] / hand[1], value.getFloat(), 1e-5);
        }
    }

    @Test
    void withSmoothing_equalsHandComputedMixtureOverAllVClasses() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] x = logits(2);
            LabelSmoothedCrossEntropy loss = new LabelSmoothedCrossEntropy(0.1, 0);
            LabelSmoothedCrossEntropy.Sums s =
                    loss.sums(m.create(x, new Shape(B, T, V)), labels(m));
            double[] hand = handSum(x, 0.1);
            double[] plain = handSum(x, 0.0);
            assertEquals(hand[0], s.loss().getFloat(), 1e-4);
            assertEquals(plain[0], s.nll().getFloat(), 1e-4);
            assertEquals(5f, s.tokens().getFloat());
        }
    }

    @Test
    void padPositions_changeNeitherLossNorReceiveGradient() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] x = logits(3);
            float[] y = x.clone();
            int padOffset = (1 * T + 2) * V; // row 1, position 2 is padding
            for (int v = 0; v < V; v++) {
                y[padOffset + v] = 100f * (v + 1);
            }
            LabelSmoothedCrossEntropy loss = new LabelSmoothedCrossEntropy(0.2, 0);
            float a =
                    loss.evaluate(
                                    new NDList(labels(m)),
                                    new NDList(m.create(x, new Shape(B, T, V))))
                            .getFloat();
            NDArray logits = m.create(y, new Shape(B, T, V));
            logits.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray l = loss.evaluate(new NDList(labels(m)), new NDList(logits));
                assertEquals(a, l.getFloat(), 1e-5);
                gc.backward(l);
            }
            float[] grad = logits.getGradient().toFloatArray();
            for (int v = 0; v < V; v++) {
                assertEquals(0f, grad[padOffset + v], "gradient at a pad position");
            }
            assertEquals(0.0, Math.abs(sum(grad, 0, V)), 1e-6, "softmax gradients sum to 0");
            assertEquals(true, Math.abs(grad[4]) > 1e-3, "a real position gets a gradient");
        }
    }

    private static double sum(float[] a, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += a[i];
        }
        return s;
    }

    @Test
    void int32Labels_areAcceptedLikeInt64() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] x = logits(4);
            LabelSmoothedCrossEntropy loss = new LabelSmoothedCrossEntropy(0.1, 0);
            NDArray logits = m.create(x, new Shape(B, T, V));
            NDArray int32 = m.create(new int[] {4, 2, 3, 1, 3, 0}, new Shape(B, T));
            assertEquals(
                    loss.sums(logits, labels(m)).loss().getFloat(),
                    loss.sums(logits, int32).loss().getFloat(),
                    1e-6);
        }
    }

    @Test
    void allPadBatch_givesZeroNotNaN() {
        try (NDManager m = NDManager.newBaseManager()) {
            LabelSmoothedCrossEntropy loss = new LabelSmoothedCrossEntropy(0.1, 0);
            NDArray value =
                    loss.evaluate(
                            new NDList(
                                    m.zeros(new Shape(B, T), ai.djl.ndarray.types.DataType.INT64)),
                            new NDList(m.create(logits(5), new Shape(B, T, V))));
            assertEquals(0f, value.getFloat());
        }
    }

    @Test
    void badSmoothingOrShapes_areRejected() {
        assertThrows(IllegalArgumentException.class, () -> new LabelSmoothedCrossEntropy(1.0, 0));
        assertThrows(IllegalArgumentException.class, () -> new LabelSmoothedCrossEntropy(-0.1, 0));
        try (NDManager m = NDManager.newBaseManager()) {
            LabelSmoothedCrossEntropy loss = new LabelSmoothedCrossEntropy(0.1, 0);
            NDArray logits = m.zeros(new Shape(B, T + 1, V));
            assertThrows(IllegalArgumentException.class, () -> loss.sums(logits, labels(m)));
        }
    }
}
