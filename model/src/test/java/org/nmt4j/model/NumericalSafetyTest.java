package org.nmt4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/** Degenerate inputs give finite numbers, never NaN or Inf. */
class NumericalSafetyTest {

    @Test
    void fullyPaddedSourceRow_givesFiniteStatesLogitsAndAttention() {
        try (NDManager m = TestModels.manager()) {
            Seq2SeqTransformer model = TestModels.model(m, TestModels.config(), 17);
            ParameterStore ps = TestModels.store(m);
            NDArray source = TestModels.ids(m, 4, new long[] {5, 6, 3}, new long[] {0, 0, 0, 0});
            NDArray target = TestModels.ids(m, 0, new long[] {2, 7, 8}, new long[] {2, 9});
            EncoderOutput memory = model.encode(ps, source, false);
            DecoderOutput out = model.decode(ps, memory, target, null, false);
            Checks.allFinite(memory.states(), "encoder states");
            Checks.allFinite(out.logits(), "logits");
            for (NDArray p : out.crossAttention()) {
                Checks.allFinite(p, "cross-attention");
            }
        }
    }

    @Test
    void lengthOneTarget_givesFiniteLogits() {
        try (NDManager m = TestModels.manager()) {
            Seq2SeqTransformer model = TestModels.model(m, TestModels.config(), 17);
            ParameterStore ps = TestModels.store(m);
            EncoderOutput memory =
                    model.encode(ps, TestModels.ids(m, 0, new long[] {5, 6, 3}), false);
            NDArray logits =
                    model.decode(ps, memory, TestModels.ids(m, 0, new long[] {2}), null, false)
                            .logits();
            assertEquals(new Shape(1, 1, 23), logits.getShape());
            Checks.allFinite(logits, "logits");
        }
    }

    @Test
    void fullyMaskedRow_softmaxIsFinite_inFloat16AndFloat32() {
        try (NDManager m = TestModels.manager()) {
            NDArray keep = m.zeros(new Shape(1, 5), DataType.BOOLEAN);
            for (DataType dtype : new DataType[] {DataType.FLOAT32, DataType.FLOAT16}) {
                NDArray bias = Masks.crossAttentionBias(keep, dtype);
                Checks.allFinite(bias, "bias " + dtype);
                NDArray scores = m.randomNormal(new Shape(1, 2, 3, 5)).mul(30).toType(dtype, false);
                NDArray probs = scores.add(bias).softmax(-1);
                Checks.allFinite(probs, "probabilities " + dtype);
            }
        }
    }

    @Test
    void maskedKeyNextToARealKey_getsExactlyZeroProbability_inFloat16() {
        try (NDManager m = TestModels.manager()) {
            NDArray keep = m.create(new boolean[] {true, false, false}, new Shape(1, 3));
            NDArray bias = Masks.crossAttentionBias(keep, DataType.FLOAT16);
            NDArray scores =
                    m.create(new float[] {-50f, 60f, 60f}, new Shape(1, 1, 1, 3))
                            .toType(DataType.FLOAT16, false);
            float[] p = scores.add(bias).softmax(-1).toType(DataType.FLOAT32, false).toFloatArray();
            assertEquals(1f, p[0]);
            assertEquals(0f, p[1]);
            assertEquals(0f, p[2]);
        }
    }
}
