package org.nmt4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class NativeScalarsTest {
    @Test
    void like_givesAScalarWithTheArraysTypeAndDevice() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.ones(new Shape(2, 3), DataType.FLOAT16);
            NDArray s = NativeScalars.like(x, -1.0e4f);
            assertEquals(new Shape(), s.getShape());
            assertEquals(DataType.FLOAT16, s.getDataType());
            assertEquals(x.getDevice(), s.getDevice());
            assertEquals(-1.0e4f, s.toType(DataType.FLOAT32, false).getFloat());
            assertEquals(DataType.INT64, NativeScalars.of(m, 7, DataType.INT64).getDataType());
        }
    }

    @Test
    void times_keepsItsGradientExact_whenTheGarbageCollectorRunsBeforeBackward() {
        float[] values = {1f, -2f, 0.5f, 4f};
        try (NDManager m = NDManager.newBaseManager()) {
            for (int round = 0; round < 20; round++) {
                NDArray x = m.create(values);
                x.setRequiresGradient(true);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray y = NativeScalars.times(x, 3f).mul(x).sum(); // 3 x^2
                    for (int i = 0; i < 3; i++) {
                        byte[][] churn = new byte[64][1 << 16];
                        churn[0][0] = 1;
                        System.gc();
                    }
                    gc.backward(y);
                }
                float[] expected = {6f, -12f, 3f, 24f}; // 6 x
                assertArrayEquals(expected, x.getGradient().toFloatArray());
            }
        }
    }
}
