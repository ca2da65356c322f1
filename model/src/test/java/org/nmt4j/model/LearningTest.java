package org.nmt4j.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nmt4j.text.SpecialTokens;

/**
 * The model learns: a tiny Transformer trained for a few hundred steps on a toy task reaches
 * exact-match greedy output on held-out sequences.
 *
 * <p>The task maps a source of 3–10 tokens to the tokens at its even positions, reversed (source [a
 * b c d e] → target [e c a]), so source and target lengths differ within every batch. The minimal
 * training loop here (plain cross-entropy over real target tokens, Adam) stands in for the trainer
 * of the train module.
 */
class LearningTest {
    private static final int VOCAB = 20;
    private static final SpecialTokens SP = SpecialTokens.DEFAULT;

    @Test
    void tinyModel_learnsEvenPositionsReversed_exactMatchOnHeldOutSequences() {
        Engine.getInstance().setRandomSeed(42);
        ModelConfig config =
                new ModelConfig(
                        VOCAB,
                        VOCAB,
                        64,
                        4,
                        128,
                        2,
                        2,
                        0f,
                        0f,
                        ModelConfig.NormPlacement.PRE,
                        ModelConfig.Positions.SINUSOIDAL,
                        32,
                        ModelConfig.Tying.ALL,
                        ModelConfig.Activation.RELU);
        Seq2SeqTransformer net = new Seq2SeqTransformer(config, SP);
        try (Model model = Model.newInstance("learning-test", TestModels.device())) {
            model.setBlock(net);
            DefaultTrainingConfig tc =
                    new DefaultTrainingConfig(Loss.l2Loss())
                            .optDevices(new Device[] {TestModels.device()})
                            .optOptimizer(
                                    Optimizer.adam()
                                            .optLearningRateTracker(Tracker.fixed(2e-3f))
                                            .build());
            try (Trainer trainer = model.newTrainer(tc)) {
                trainer.initialize(new Shape(2, 10), new Shape(2, 6));
                Random random = new Random(7);
                for (int step = 0; step < 400; step++) {
                    trainStep(trainer, batch(random, 64));
                }
                List<long[]> heldOut = new ArrayList<>();
                Random other = new Random(12345);
                for (int i = 0; i < 50; i++) {
                    heldOut.add(sequence(other));
                }
                int exact = exactMatches(net, trainer.getManager(), heldOut);
                assertTrue(exact >= 45, "exact matches on 50 held-out sequences: " + exact);
            }
        }
    }

    private static void trainStep(Trainer trainer, List<long[]> sources) {
        try (NDManager m = trainer.getManager().newSubManager()) {
            NDArray source = padded(m, sources);
            NDArray targetIn = padded(m, targets(sources, true));
            NDArray labels = padded(m, targets(sources, false));
            try (GradientCollector gc = trainer.newGradientCollector()) {
                NDArray logits = trainer.forward(new NDList(source, targetIn)).singletonOrThrow();
                NDArray keep = labels.neq(SP.pad()).toType(DataType.FLOAT32, false);
                NDArray logp = logits.logSoftmax(-1).mul(labels.oneHot(VOCAB)).sum(new int[] {-1});
                NDArray loss = logp.mul(keep).sum().neg().div(keep.sum());
                gc.backward(loss);
            }
            trainer.step();
        }
    }

    private static int exactMatches(Seq2SeqTransformer net, NDManager parent, List<long[]> srcs) {
        try (NDManager m = parent.newSubManager()) {
            ParameterStore ps = new ParameterStore(m, false);
            EncoderOutput memory = net.encode(ps, padded(m, srcs), false);
            DecoderCache cache = net.newCache();
            NDArray next = m.full(new Shape(srcs.size(), 1), SP.bos(), DataType.INT64);
            long[][] out = new long[srcs.size()][8];
            for (int t = 0; t < 8; t++) {
                NDArray logits = net.decode(ps, memory, next, cache, false).logits();
                next = logits.get(new NDIndex(":, -1, :")).argMax(-1).reshape(srcs.size(), 1);
                long[] ids = next.toLongArray();
                for (int i = 0; i < ids.length; i++) {
                    out[i][t] = ids[i];
                }
            }
            int exact = 0;
            for (int i = 0; i < srcs.size(); i++) {
                long[] want = target(srcs.get(i));
                long[] got = Arrays.copyOf(out[i], want.length + 1);
                long[] wantWithEos = Arrays.copyOf(want, want.length + 1);
                wantWithEos[want.length] = SP.eos();
                if (Arrays.equals(wantWithEos, got)) {
                    exact++;
                }
            }
            return exact;
        }
    }

    private static List<long[]> batch(Random r, int size) {
        List<long[]> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(sequence(r));
        }
        return out;
    }

    private static long[] sequence(Random r) {
        long[] s = new long[3 + r.nextInt(8)];
        for (int i = 0; i < s.length; i++) {
            s[i] = 4 + r.nextInt(VOCAB - 4);
        }
        return s;
    }

    static long[] target(long[] source) {
        int n = (source.length + 1) / 2;
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            t[i] = source[2 * (n - 1 - i)];
        }
        return t;
    }

    private static List<long[]> targets(List<long[]> sources, boolean decoderInput) {
        List<long[]> out = new ArrayList<>(sources.size());
        for (long[] s : sources) {
            long[] y = target(s);
            long[] row = new long[y.length + 1];
            if (decoderInput) {
                row[0] = SP.bos();
                System.arraycopy(y, 0, row, 1, y.length);
            } else {
                System.arraycopy(y, 0, row, 0, y.length);
                row[y.length] = SP.eos();
            }
            out.add(row);
        }
        return out;
    }

    private static NDArray padded(NDManager m, List<long[]> rows) {
        return TestModels.ids(m, 0, rows.toArray(new long[0][]));
    }
}
