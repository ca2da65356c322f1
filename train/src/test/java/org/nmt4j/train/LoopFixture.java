package org.nmt4j.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.nmt4j.data.batch.BatchBuilder;
import org.nmt4j.data.batch.Batcher;
import org.nmt4j.data.batch.TokenizedCorpus;
import org.nmt4j.model.ModelConfig;
import org.nmt4j.model.Seq2SeqTransformer;
import org.nmt4j.text.SpecialTokens;
import org.nmt4j.text.score.BleuScore;
import org.nmt4j.text.score.ChrFScore;
import org.nmt4j.train.config.TrainConfig;
import org.nmt4j.train.optim.AdamW;

/**
 * A tiny model on random pairs of a 20-token vocabulary, for tests of the loop itself (no
 * tokenizer, no files): about 15 batches per epoch.
 */
final class LoopFixture implements AutoCloseable {
    static final ModelConfig MODEL =
            new ModelConfig(
                    20,
                    20,
                    16,
                    2,
                    32,
                    1,
                    1,
                    0.1f,
                    0.1f,
                    ModelConfig.NormPlacement.PRE,
                    ModelConfig.Positions.SINUSOIDAL,
                    32,
                    ModelConfig.Tying.ALL,
                    ModelConfig.Activation.RELU);

    final NDManager manager = NDManager.newBaseManager();
    final Seq2SeqTransformer model;
    final AdamW optimizer = new AdamW(0.9, 0.98, 1e-9, 0);
    final TokenizedCorpus corpus;
    final Batcher batcher;

    LoopFixture() {
        Engine.getInstance().setRandomSeed(11);
        model = new Seq2SeqTransformer(MODEL, SpecialTokens.DEFAULT);
        model.initialize(manager, DataType.FLOAT32, new Shape(1, 1), new Shape(1, 1));
        Random r = new Random(5);
        TokenizedCorpus.Builder b = TokenizedCorpus.builder();
        for (int i = 0; i < 60; i++) {
            int[] src = new int[3 + r.nextInt(6)];
            for (int k = 0; k < src.length; k++) {
                src[k] = 4 + r.nextInt(16);
            }
            int[] tgt = new int[src.length];
            for (int k = 0; k < src.length; k++) {
                tgt[k] = src[src.length - 1 - k];
            }
            b.add(src, tgt);
        }
        corpus = b.build();
        batcher = new Batcher(corpus, 60, 3);
    }

    TrainingLoop.Data data() {
        return new TrainingLoop.Data(corpus, batcher, BatchBuilder.standard());
    }

    /** A train section: lr 3e-3, warm-up 4, clip 1, the given limits and intervals. */
    static TrainConfig train(
            int accumulation,
            int maxSteps,
            int maxEpochs,
            int checkpointEvery,
            int validateEvery,
            int patience,
            int maxNonFinite) {
        return new TrainConfig(
                accumulation,
                3e-3,
                null,
                4,
                0.9,
                0.98,
                1e-9,
                0,
                0.1,
                1.0,
                maxSteps,
                maxEpochs,
                0,
                checkpointEvery,
                2,
                validateEvery,
                patience,
                5,
                maxNonFinite);
    }

    /** A validation result with this BLEU (and nothing else of interest). */
    static ValidationResult validation(double bleu) {
        BleuScore b =
                new BleuScore(
                        bleu,
                        List.of(0.0, 0.0, 0.0, 0.0),
                        1,
                        1,
                        0,
                        0,
                        List.of(0L, 0L, 0L, 0L),
                        List.of(0L, 0L, 0L, 0L),
                        "test");
        return new ValidationResult(
                2.0, 1.5, b, new ChrFScore(bleu, List.of(), "test"), List.of(), List.of(), 0);
    }

    List<float[]> parameters() {
        List<float[]> out = new ArrayList<>();
        for (Pair<String, Parameter> p : model.getParameters()) {
            out.add(p.getValue().getArray().toFloatArray());
        }
        return out;
    }

    @Override
    public void close() {
        optimizer.close();
        manager.close();
    }
}
