package org.nmt4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class EngineSmokeTest {
    @Test
    void pytorchEngine_loadsOffline_andMultiplies() {
        assertEquals("PyTorch", Engine.getInstance().getEngineName());
        try (NDManager m = NDManager.newBaseManager()) {
            assertEquals(
                    6f, m.create(new float[] {1, 2}).dot(m.create(new float[] {2, 2})).getFloat());
        }
    }
}
