package org.nmt4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DropoutsTest {
    private static final float RATE = 0.1f;
    private static final float KEPT = 1f / (1f - RATE);

    @Test
    void apply_returnsTheInputItself_outsideTrainingOrAtRateZero() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.ones(new Shape(3, 4));
            assertSame(x, Dropouts.apply(x, RATE, false));
            assertSame(x, Dropouts.apply(x, 0f, true));
        }
    }

    @Test
    void apply_zeroesAboutRateOfTheElements_andScalesTheRestByOneOverOneMinusRate() {
        int n = 1_000_000;
        try (NDManager m = NDManager.newBaseManager()) {
            float[] y = Dropouts.apply(m.ones(new Shape(1000, 1000)), RATE, true).toFloatArray();
            long zeros = 0;
            for (float v : y) {
                if (v == 0f) {
                    zeros++;
                } else {
                    assertEquals(KEPT, v, "a kept element is scaled by exactly 1/(1-p)");
                }
            }
            // binomial(n, 0.1): standard deviation 0.0003 of the share; 0.002 is about 7 of them
            double share = (double) zeros / n;
            assertEquals(RATE, share, 0.002, "share of zeros");
        }
    }

    @Test
    void apply_drawsANewMaskEachCall_andTheSameMasksAfterTheSameSeed() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.ones(new Shape(64, 64));
            Engine.getInstance().setRandomSeed(7);
            float[] first = Dropouts.apply(x, RATE, true).toFloatArray();
            float[] second = Dropouts.apply(x, RATE, true).toFloatArray();
            assertFalse(Arrays.equals(first, second), "two calls gave the same mask");
            Engine.getInstance().setRandomSeed(7);
            assertArrayEquals(first, Dropouts.apply(x, RATE, true).toFloatArray());
            assertArrayEquals(second, Dropouts.apply(x, RATE, true).toFloatArray());
        }
    }

    @Test
    void gradient_isTheScaledMask_soDroppedElementsGetNone() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomUniform(1f, 2f, new Shape(32, 32));
            x.setRequiresGradient(true);
            NDArray y;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                y = Dropouts.apply(x, RATE, true);
                gc.backward(y.sum());
            }
            float[] out = y.toFloatArray();
            float[] in = x.toFloatArray();
            float[] grad = x.getGradient().toFloatArray();
            boolean someDropped = false;
            for (int i = 0; i < out.length; i++) {
                float expected = out[i] == 0f ? 0f : KEPT;
                someDropped |= out[i] == 0f;
                assertEquals(expected, grad[i], "gradient at " + i);
                assertEquals(expected * in[i], out[i], 1e-6f, "output at " + i);
            }
            assertTrue(someDropped);
        }
    }
}
