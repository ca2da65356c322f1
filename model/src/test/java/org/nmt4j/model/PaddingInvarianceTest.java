package org.nmt4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Padding must be invisible: outputs at real positions do not depend on how much padding there is,
 * on what masked positions hold, or on which side the source is padded. Each case runs with pre-
 * and post-norm, sinusoidal and learned positions.
 */
class PaddingInvarianceTest {
    private static final double TOLERANCE = 1e-5;
    private static final long[] SOURCE = {5, 9, 13, 7, 3};
    private static final long[] TARGET = {2, 11, 6, 8};

    enum Variant {
        PRE_SINUSOIDAL(ModelConfig.NormPlacement.PRE, ModelConfig.Positions.SINUSOIDAL),
        POST_LEARNED(ModelConfig.NormPlacement.POST, ModelConfig.Positions.LEARNED);

        final ModelConfig config;

        Variant(ModelConfig.NormPlacement norm, ModelConfig.Positions positions) {
            config = TestModels.config(23, norm, positions);
        }
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void encoderAndDecoder_atRealPositions_unchangedByExtraPadding(Variant v) {
        try (NDManager m = TestModels.manager()) {
            Seq2SeqTransformer model = TestModels.model(m, v.config, 3);
            ParameterStore ps = TestModels.store(m);
            Pass tight = Pass.run(model, ps, TestModels.ids(m, 0, SOURCE), target(m, 0));
            Pass padded = Pass.run(model, ps, TestModels.ids(m, 12, SOURCE), target(m, 9));
            tight.assertSameRealPositions(padded);
        }
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void encoderAndDecoder_atRealPositions_unchangedWhenSourceIsLeftPadded(Variant v) {
        try (NDManager m = TestModels.manager()) {
            Seq2SeqTransformer model = TestModels.model(m, v.config, 4);
            ParameterStore ps = TestModels.store(m);
            Pass right = Pass.run(model, ps, TestModels.ids(m, 9, SOURCE), target(m, 0));
            Pass left = Pass.run(model, ps, TestModels.leftPadded(m, 9, SOURCE), target(m, 0));
            int shift = 9 - SOURCE.length;
            Checks.close(
                    right.memory.states().get(new NDIndex(":, 0:{}", SOURCE.length)),
                    left.memory.states().get(new NDIndex(":, {}:", shift)),
                    TOLERANCE,
                    "encoder states, right vs left padding");
            Checks.close(right.logits, left.logits, TOLERANCE, "decoder logits, right vs left");
        }
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void decoderLogits_atRealPositions_unchangedWhenPositionsAfterTheTargetHoldOtherIds(Variant v) {
        try (NDManager m = TestModels.manager()) {
            Seq2SeqTransformer model = TestModels.model(m, v.config, 5);
            ParameterStore ps = TestModels.store(m);
            NDArray source = TestModels.ids(m, 0, SOURCE);
            Pass padded = Pass.run(model, ps, source, target(m, 8));
            long[] garbage = {2, 11, 6, 8, 19, 4, 17, 21};
            Pass noisy = Pass.run(model, ps, source, TestModels.ids(m, 0, garbage));
            Checks.close(
                    padded.logits.get(new NDIndex(":, 0:{}", TARGET.length)),
                    noisy.logits.get(new NDIndex(":, 0:{}", TARGET.length)),
                    TOLERANCE,
                    "logits at real target positions");
        }
    }

    @Test
    void selfAttention_atRealPositions_unchangedWhenMaskedPositionsHoldOtherVectors() {
        try (NDManager m = TestModels.manager()) {
            MultiHeadAttention attention = new MultiHeadAttention(16, 4, 0f);
            attention.initialize(m, DataType.FLOAT32, new Shape(1, 6, 16));
            ParameterStore ps = TestModels.store(m);
            NDArray keep =
                    m.create(new boolean[] {true, true, true, true, false, false}, new Shape(1, 6));
            NDArray bias = Masks.encoderSelfAttentionBias(keep, DataType.FLOAT32);
            NDArray x = m.randomNormal(new Shape(1, 6, 16));
            NDArray other = x.duplicate();
            other.set(new NDIndex(":, 4:"), m.randomNormal(new Shape(1, 2, 16)).mul(100));
            NDArray a = attention.selfAttention(ps, x, bias, null, false).output();
            NDArray b = attention.selfAttention(ps, other, bias, null, false).output();
            Checks.close(
                    a.get(new NDIndex(":, 0:4")),
                    b.get(new NDIndex(":, 0:4")),
                    TOLERANCE,
                    "outputs at real positions");
        }
    }

    private static NDArray target(NDManager m, int width) {
        return TestModels.ids(m, width, TARGET);
    }

    /** One encode + decode, keeping what the checks compare. */
    private record Pass(EncoderOutput memory, NDArray logits) {
        static Pass run(Seq2SeqTransformer model, ParameterStore ps, NDArray src, NDArray tgt) {
            EncoderOutput memory = model.encode(ps, src, false);
            return new Pass(memory, model.decode(ps, memory, tgt, null, false).logits());
        }

        void assertSameRealPositions(Pass other) {
            Checks.close(
                    Checks.slice(memory.states(), 0, SOURCE.length),
                    Checks.slice(other.memory.states(), 0, SOURCE.length),
                    TOLERANCE,
                    "encoder states at real positions");
            Checks.close(
                    Checks.slice(logits, 0, TARGET.length),
                    Checks.slice(other.logits, 0, TARGET.length),
                    TOLERANCE,
                    "decoder logits at real positions");
        }
    }
}
