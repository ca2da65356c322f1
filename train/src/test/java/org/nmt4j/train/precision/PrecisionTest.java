package org.nmt4j.train.precision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PrecisionTest {
    @Test
    void bf16_isRefused_sayingWhy() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, Precision.BF16::check);
        assertEquals(
                "precision bf16 is not supported: DJL 0.35.1's PyTorch engine aborts the JVM on"
                        + " bfloat16 arrays; use fp16 (mixed precision) or fp32",
                e.getMessage());
        assertEquals(Precision.FP16, Precision.FP16.check());
    }
}
