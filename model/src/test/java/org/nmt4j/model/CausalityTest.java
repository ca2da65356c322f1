package org.nmt4j.model;

import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The decoder must not see the future: logits at position t depend on targets ≤ t only. */
class CausalityTest {
    private static final long[] SOURCE = {5, 9, 13, 7, 3};

    @Test
    void decoderLogits_upToPositionT_unchangedByLaterTargetTokens() {
        try (NDManager m = TestModels.manager()) {
            Seq2SeqTransformer model = TestModels.model(m, TestModels.config(), 11);
            ParameterStore ps = TestModels.store(m);
            EncoderOutput memory = model.encode(ps, TestModels.ids(m, 0, SOURCE), false);
            long[] target = {2, 11, 6, 8, 15, 9, 20};
            NDArray base = logits(model, ps, memory, m, target);
            for (int t = 0; t < target.length - 1; t++) {
                long[] changed = target.clone();
                for (int j = t + 1; j < changed.length; j++) {
                    changed[j] = 4 + (changed[j] + 7) % 19;
                }
                Checks.close(
                        upTo(base, t),
                        upTo(logits(model, ps, memory, m, changed), t),
                        1e-5,
                        "logits at positions <= " + t);
            }
        }
    }

    @Test
    void causalityCheck_catchesADecoderThatSeesTheFuture() {
        try (NDManager m = TestModels.manager()) {
            ParameterStore ps = TestModels.store(m);
            MultiHeadAttention attention = new MultiHeadAttention(32, 4, 0f);
            attention.initialize(m, DataType.FLOAT32, new Shape(1, 4, 32));
            NDArray x = m.randomNormal(new Shape(1, 4, 32));
            NDArray y = x.duplicate();
            y.set(new NDIndex(":, 3:"), m.randomNormal(new Shape(1, 1, 32)));
            NDArray keep = m.ones(new Shape(1, 4), DataType.BOOLEAN);
            // padding-only bias: the future is visible, and the check must notice
            NDArray noCausal = Masks.encoderSelfAttentionBias(keep, DataType.FLOAT32);
            NDArray a = attention.selfAttention(ps, x, noCausal, null, false).output();
            NDArray b = attention.selfAttention(ps, y, noCausal, null, false).output();
            assertThrows(
                    AssertionFailedError.class,
                    () -> Checks.close(upTo(a, 1), upTo(b, 1), 1e-5, "future leaked"));
            NDArray causal = Masks.decoderSelfAttentionBias(keep, DataType.FLOAT32);
            Checks.close(
                    upTo(attention.selfAttention(ps, x, causal, null, false).output(), 2),
                    upTo(attention.selfAttention(ps, y, causal, null, false).output(), 2),
                    1e-5,
                    "causal outputs before the change");
        }
    }

    private static NDArray logits(
            Seq2SeqTransformer model,
            ParameterStore ps,
            EncoderOutput memory,
            NDManager m,
            long[] t) {
        return model.decode(ps, memory, TestModels.ids(m, 0, t), null, false).logits();
    }

    private static NDArray upTo(NDArray a, int t) {
        return a.get(new NDIndex(":, 0:{}", t + 1));
    }
}
