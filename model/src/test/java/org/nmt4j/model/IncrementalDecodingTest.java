package org.nmt4j.model;

import static org.junit.jupiter.api.Assertions.assertNull;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Step-by-step decoding with the KV cache equals the full teacher-forced pass, and the {@link
 * IncrementalDecoder} view that searches use gives that pass's newest position.
 */
class IncrementalDecodingTest {
    private static final long[][] SOURCES = {{5, 9, 13, 7, 3}, {8, 3}, {4, 5, 6, 7, 8, 9, 10, 3}};
    private static final long[][] TARGETS = {
        {2, 11, 6, 8, 15, 9}, {2, 12, 13, 14, 4, 4}, {2, 20, 19, 18, 17, 16}
    };

    @ParameterizedTest
    @EnumSource(ModelConfig.NormPlacement.class)
    void cachedStepByStepLogits_equalFullPass(ModelConfig.NormPlacement norm) {
        try (NDManager m = TestModels.manager()) {
            ModelConfig config = TestModels.config(23, norm, ModelConfig.Positions.LEARNED);
            Seq2SeqTransformer model = TestModels.model(m, config, 19);
            ParameterStore ps = TestModels.store(m);
            EncoderOutput memory = model.encode(ps, TestModels.ids(m, 0, SOURCES), false);
            NDArray target = TestModels.ids(m, 0, TARGETS);
            NDArray full = model.decode(ps, memory, target, null, false).logits();
            DecoderCache cache = model.newCache();
            NDList steps = new NDList();
            for (int t = 0; t < TARGETS[0].length; t++) {
                NDArray step = target.get(new NDIndex(":, {}:{}", t, t + 1));
                steps.add(model.decode(ps, memory, step, cache, false).logits());
            }
            Checks.close(full, NDArrays.concat(steps, 1), 1e-5, "cached vs full logits");
        }
    }

    @ParameterizedTest
    @EnumSource(ModelConfig.NormPlacement.class)
    void cachedDecoding_afterReorderingRows_equalsFullPassOfReorderedBatch(
            ModelConfig.NormPlacement norm) {
        try (NDManager m = TestModels.manager()) {
            ModelConfig config = TestModels.config(23, norm, ModelConfig.Positions.SINUSOIDAL);
            Seq2SeqTransformer model = TestModels.model(m, config, 23);
            ParameterStore ps = TestModels.store(m);
            EncoderOutput memory = model.encode(ps, TestModels.ids(m, 0, SOURCES), false);
            NDArray target = TestModels.ids(m, 0, TARGETS);
            DecoderCache cache = model.newCache();
            for (int t = 0; t < 3; t++) {
                model.decode(
                        ps, memory, target.get(new NDIndex(":, {}:{}", t, t + 1)), cache, false);
            }
            NDArray rows = m.create(new long[] {2, 2, 0});
            cache.reorder(rows);
            EncoderOutput reordered = memory.select(rows);
            NDArray reorderedTarget = target.get(rows);
            NDList steps = new NDList();
            for (int t = 3; t < TARGETS[0].length; t++) {
                NDArray step = reorderedTarget.get(new NDIndex(":, {}:{}", t, t + 1));
                steps.add(model.decode(ps, reordered, step, cache, false).logits());
            }
            NDArray full = model.decode(ps, reordered, reorderedTarget, null, false).logits();
            Checks.close(
                    full.get(new NDIndex(":, 3:")),
                    NDArrays.concat(steps, 1),
                    1e-5,
                    "cached logits after reorder");
        }
    }

    @ParameterizedTest
    @EnumSource(ModelConfig.NormPlacement.class)
    void decodeStep_givesTheLogSoftmaxAndHeadMeanAttentionOfTheNewestPosition_cachedOrNot(
            ModelConfig.NormPlacement norm) {
        try (NDManager m = NDManager.newBaseManager()) {
            ModelConfig config = TestModels.config(23, norm, ModelConfig.Positions.SINUSOIDAL);
            Seq2SeqTransformer model = TestModels.model(m, config, 29);
            ParameterStore ps = TestModels.store(m);
            EncoderOutput memory = model.encode(ps, TestModels.ids(m, 0, SOURCES), false);
            NDArray target = TestModels.ids(m, 0, TARGETS);
            DecoderOutput full = model.decode(ps, memory, target, null, false);
            TransformerDecoder decoder = model.decoder(m);
            DecoderCache cache = decoder.newCache();
            for (int t = 0; t < TARGETS[0].length; t++) {
                NDArray prefix = target.get(new NDIndex(":, 0:{}", t + 1));
                StepScores uncached = decoder.decodeStep(memory, prefix, null, true);
                NDArray newest = target.get(new NDIndex(":, {}:{}", t, t + 1));
                StepScores cached = decoder.decodeStep(memory, newest, cache, true);
                NDArray expected = full.logits().get(new NDIndex(":, {}, :", t)).logSoftmax(-1);
                List<NDArray> layers = full.crossAttention();
                NDArray attention =
                        layers.get(layers.size() - 1)
                                .get(new NDIndex(":, :, {}, :", t))
                                .mean(new int[] {1});
                Checks.close(expected, uncached.logProbs(), 1e-5, "uncached step " + t);
                Checks.close(expected, cached.logProbs(), 1e-5, "cached step " + t);
                Checks.close(attention, uncached.attention(), 1e-5, "uncached attention " + t);
                Checks.close(attention, cached.attention(), 1e-5, "cached attention " + t);
            }
            assertNull(decoder.decodeStep(memory, target, null, false).attention());
        }
    }
}
