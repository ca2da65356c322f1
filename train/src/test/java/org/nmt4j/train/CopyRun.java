package org.nmt4j.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.nmt4j.data.batch.BatchBuilder;
import org.nmt4j.data.batch.Batcher;
import org.nmt4j.data.batch.TokenizedCorpus;
import org.nmt4j.model.EncoderOutput;
import org.nmt4j.model.ModelConfig;
import org.nmt4j.model.Seq2SeqTransformer;
import org.nmt4j.text.SpecialTokens;
import org.nmt4j.train.config.TrainConfig;
import org.nmt4j.train.optim.AdamW;
import org.nmt4j.train.precision.Precision;

/**
 * A tiny copy task (target = source, 2–5 tokens of a 12-token vocabulary) trained by the real loop,
 * for tests that compare precisions: a 1+1-layer model with E=32, no dropout, and greedy decoding
 * of held-out sentences with the float32 master weights.
 */
final class CopyRun implements AutoCloseable {
    static final int VOCAB = 12;
    static final ModelConfig MODEL =
            new ModelConfig(
                    VOCAB,
                    VOCAB,
                    32,
                    4,
                    64,
                    1,
                    1,
                    0f,
                    0f,
                    ModelConfig.NormPlacement.PRE,
                    ModelConfig.Positions.SINUSOIDAL,
                    16,
                    ModelConfig.Tying.ALL,
                    ModelConfig.Activation.RELU);

    final NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu());
    final Seq2SeqTransformer model;
    final AdamW optimizer = new AdamW(0.9, 0.98, 1e-9, 0);
    final TokenizedCorpus corpus;
    final Batcher batcher;

    CopyRun() {
        Engine.getInstance().setRandomSeed(5);
        model = new Seq2SeqTransformer(MODEL, SpecialTokens.DEFAULT);
        model.initialize(manager, DataType.FLOAT32, new Shape(1, 1), new Shape(1, 1));
        TokenizedCorpus.Builder b = TokenizedCorpus.builder();
        for (int[] s : sentences(new Random(1), 400)) {
            b.add(s, s);
        }
        corpus = b.build();
        batcher = new Batcher(corpus, 480, 3);
    }

    static List<int[]> sentences(Random r, int count) {
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int[] s = new int[2 + r.nextInt(4)];
            for (int k = 0; k < s.length; k++) {
                s[k] = 4 + r.nextInt(VOCAB - 4);
            }
            out.add(s);
        }
        return out;
    }

    TrainingLoop.Data data() {
        return new TrainingLoop.Data(corpus, batcher, BatchBuilder.standard());
    }

    /** lr 5e-3 after 20 warm-up steps, clipping at 1, no smoothing, the given steps. */
    static TrainConfig train(int maxSteps, Precision precision) {
        return new TrainConfig(
                1, 5e-3, null, 20, 0.9, 0.98, 1e-9, 0, 0.0, 1.0, maxSteps, 0, 0, 1000, 2, 1000, 0,
                10, 3, precision);
    }

    /** Greedy decoding of held-out sentences; returns how many come out exactly. */
    int exactMatches(int count) {
        ParameterStore ps = new ParameterStore(manager, false);
        SpecialTokens sp = model.special();
        int exact = 0;
        for (int[] s : sentences(new Random(99), count)) {
            try (NDManager m = manager.newSubManager()) {
                long[] src = new long[s.length + 1];
                for (int k = 0; k < s.length; k++) {
                    src[k] = s[k];
                }
                src[s.length] = sp.eos();
                EncoderOutput memory =
                        model.encode(ps, m.create(src, new Shape(1, src.length)), false);
                List<Long> out = new ArrayList<>(List.of((long) sp.bos()));
                for (int t = 0; t <= s.length + 1; t++) {
                    long[] in = out.stream().mapToLong(Long::longValue).toArray();
                    NDArray logits =
                            model.decode(
                                            ps,
                                            memory,
                                            m.create(in, new Shape(1, in.length)),
                                            null,
                                            false)
                                    .logits();
                    long next = logits.get(0, in.length - 1).argMax().getLong();
                    if (next == sp.eos()) {
                        break;
                    }
                    out.add(next);
                }
                int[] got = out.stream().skip(1).mapToInt(Long::intValue).toArray();
                if (Arrays.equals(got, s)) {
                    exact++;
                }
            }
        }
        return exact;
    }

    @Override
    public void close() {
        optimizer.close();
        manager.close();
    }
}
