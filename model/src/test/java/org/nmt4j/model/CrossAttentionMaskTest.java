package org.nmt4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * Cross-attention must use the ENCODER's padding mask (B,1,1,S). The Keras English-to-Spanish
 * example passed the decoder's mask instead, which breaks as soon as S differs from T.
 */
class CrossAttentionMaskTest {

    @Test
    void crossAttention_ignoresSourcePadding_whenSourceLongerThanTarget() {
        assertSourcePadsIgnored(11, 4);
    }

    @Test
    void crossAttention_ignoresSourcePadding_whenTargetLongerThanSource() {
        assertSourcePadsIgnored(3, 9);
    }

    private static void assertSourcePadsIgnored(int s, int t) {
        try (NDManager m = TestModels.manager()) {
            Seq2SeqTransformer model = TestModels.model(m, TestModels.config(), 7);
            ParameterStore ps = TestModels.store(m);
            Random r = new Random(s * 31L + t);
            // row 0 fills S; rows 1 and 2 are shorter, so their sources are padded
            NDArray source =
                    TestModels.ids(m, s, tokens(r, s), tokens(r, Math.max(1, s - 2)), tokens(r, 1));
            NDArray target =
                    TestModels.ids(m, t, tokens(r, t), tokens(r, t), tokens(r, Math.max(1, t - 1)));
            EncoderOutput memory = model.encode(ps, source, false);
            DecoderOutput out = model.decode(ps, memory, target, null, false);
            assertEquals(new Shape(3, t, 23), out.logits().getShape());
            for (NDArray probabilities : out.crossAttention()) {
                assertEquals(new Shape(3, 4, t, s), probabilities.getShape());
                Checks.sourcePaddingGetsZeroProbability(probabilities, memory.sourceKeep());
            }
            Checks.allFinite(out.logits(), "logits");
        }
    }

    @Test
    void decoderPaddingMaskInCrossAttention_failsToBroadcast_whenLengthsDiffer() {
        try (NDManager m = TestModels.manager()) {
            MultiHeadAttention attention = block(m);
            NDArray query = m.randomNormal(new Shape(2, 4, 16));
            NDArray memory = m.randomNormal(new Shape(2, 11, 16));
            NDArray targetKeep = m.ones(new Shape(2, 4), DataType.BOOLEAN);
            NDArray keras = Masks.decoderSelfAttentionBias(targetKeep, DataType.FLOAT32);
            ParameterStore ps = TestModels.store(m);
            assertThrows(
                    Exception.class,
                    () -> attention.crossAttention(ps, query, memory, keras, null, false));
        }
    }

    @Test
    void decoderPaddingMaskInCrossAttention_isCaughtByTheCheck_whenLengthsAgree() {
        try (NDManager m = TestModels.manager()) {
            MultiHeadAttention attention = block(m);
            ParameterStore ps = TestModels.store(m);
            NDArray query = m.randomNormal(new Shape(1, 4, 16));
            NDArray memory = m.randomNormal(new Shape(1, 4, 16));
            NDArray sourceKeep =
                    m.create(new boolean[] {true, true, false, false}, new Shape(1, 4));
            NDArray targetKeep = m.ones(new Shape(1, 4), DataType.BOOLEAN);
            NDArray right = Masks.crossAttentionBias(sourceKeep, DataType.FLOAT32);
            Checks.sourcePaddingGetsZeroProbability(
                    attention.crossAttention(ps, query, memory, right, null, false).probabilities(),
                    sourceKeep);
            // The Keras bug: the decoder's mask where the encoder's belongs.
            NDArray wrong = Masks.decoderSelfAttentionBias(targetKeep, DataType.FLOAT32);
            NDArray leaked =
                    attention.crossAttention(ps, query, memory, wrong, null, false).probabilities();
            assertThrows(
                    AssertionFailedError.class,
                    () -> Checks.sourcePaddingGetsZeroProbability(leaked, sourceKeep));
        }
    }

    private static MultiHeadAttention block(NDManager m) {
        MultiHeadAttention attention = new MultiHeadAttention(16, 4, 0f);
        attention.initialize(m, DataType.FLOAT32, new Shape(2, 4, 16));
        return attention;
    }

    static long[] tokens(Random r, int length) {
        long[] ids = new long[length];
        for (int i = 0; i < length; i++) {
            ids[i] = 4 + r.nextInt(19);
        }
        return ids;
    }
}
