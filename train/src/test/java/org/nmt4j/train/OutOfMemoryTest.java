package org.nmt4j.train;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.EngineException;
import org.junit.jupiter.api.Test;
import org.nmt4j.data.batch.TokenBatch;

class OutOfMemoryTest {
    @Test
    void engineOutOfMemory_becomesAMessageNamingTheBatchSettingToLower() {
        EngineException cuda =
                new EngineException("CUDA out of memory. Tried to allocate 2.00 GiB");
        assertTrue(OutOfMemory.is(cuda));
        assertTrue(OutOfMemory.is(new RuntimeException("wrapped", new OutOfMemoryError())));
        assertFalse(OutOfMemory.is(new EngineException("shape mismatch")));
        TokenBatch batch =
                new TokenBatch(new int[212], 19, 20, new long[0], new long[0], new long[0], 0, 0);
        String message = OutOfMemory.advice(cuda, Device.gpu(0), batch, 16384, 1).getMessage();
        assertTrue(
                message.startsWith(
                        "out of memory on gpu(0) with a batch of 212 sentences x (19 source + 20"
                                + " target positions) = 8,268 padded tokens: lower"
                                + " data.batch_tokens (now 16,384)"),
                message);
        assertTrue(message.contains("train.accumulation"), message);
    }
}
