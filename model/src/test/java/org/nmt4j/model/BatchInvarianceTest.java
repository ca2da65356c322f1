package org.nmt4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/** A sentence's logits do not depend on the other sentences in its batch. */
class BatchInvarianceTest {

    @Test
    void sentenceLogits_sameAloneAndInABatchWithLongerAndShorterSentences() {
        try (NDManager m = TestModels.manager()) {
            Seq2SeqTransformer model = TestModels.model(m, TestModels.config(), 13);
            ParameterStore ps = TestModels.store(m);
            long[] source = {6, 7, 8, 9, 3};
            long[] target = {2, 10, 11, 12};
            NDArray alone =
                    logits(model, ps, TestModels.ids(m, 0, source), TestModels.ids(m, 0, target));
            NDArray batched =
                    logits(
                            model,
                            ps,
                            TestModels.ids(
                                    m,
                                    0,
                                    new long[] {4, 5, 6, 7, 8, 9, 10, 11, 12, 3},
                                    source,
                                    new long[] {14, 3}),
                            TestModels.ids(
                                    m,
                                    0,
                                    new long[] {2, 20},
                                    target,
                                    new long[] {2, 5, 6, 7, 8, 9, 10, 11, 12}));
            Checks.close(
                    alone,
                    Checks.slice(batched, 1, target.length),
                    1e-5,
                    "logits of the middle sentence");
        }
    }

    private static NDArray logits(
            Seq2SeqTransformer model, ParameterStore ps, NDArray src, NDArray tgt) {
        return model.decode(ps, model.encode(ps, src, false), tgt, null, false).logits();
    }
}
