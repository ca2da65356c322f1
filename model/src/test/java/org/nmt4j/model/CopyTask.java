package org.nmt4j.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.nmt4j.text.SpecialTokens;

/**
 * Trains a tiny model on the copy task (target = source) in a test, so that searches produce
 * meaningful, EOS-terminated output. Plain softmax cross-entropy on the logits, padding masked,
 * Adam. Only one GradientCollector may exist per JVM: call from tests that do not run in parallel.
 */
public final class CopyTask {
    private CopyTask() {}

    /**
     * A small architecture for the task.
     *
     * @param vocab the vocabulary size (ids 0..3 are the special ones)
     * @param maxPositions the longest sequence
     * @return the config (E=32, H=4, FFN=64, 2+2 layers, no dropout)
     */
    public static ModelConfig config(int vocab, int maxPositions) {
        return config(vocab, maxPositions, 32);
    }

    /**
     * A small architecture for the task.
     *
     * @param vocab the vocabulary size (ids 0..3 are the special ones)
     * @param maxPositions the longest sequence
     * @param modelSize E (H=4, FFN=2E, 2+2 layers, no dropout)
     * @return the config
     */
    public static ModelConfig config(int vocab, int maxPositions, int modelSize) {
        return new ModelConfig(
                vocab,
                vocab,
                modelSize,
                4,
                2 * modelSize,
                2,
                2,
                0f,
                0f,
                ModelConfig.NormPlacement.PRE,
                ModelConfig.Positions.SINUSOIDAL,
                maxPositions,
                ModelConfig.Tying.ALL,
                ModelConfig.Activation.RELU);
    }

    /**
     * Random sentences of ids in [4, vocab).
     *
     * @param random the source of randomness
     * @param count how many
     * @param minLength the shortest
     * @param maxLength the longest
     * @param vocab the vocabulary size
     * @return the sentences, without EOS
     */
    public static List<int[]> sentences(
            Random random, int count, int minLength, int maxLength, int vocab) {
        List<int[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int[] s = new int[minLength + random.nextInt(maxLength - minLength + 1)];
            for (int j = 0; j < s.length; j++) {
                s[j] = 4 + random.nextInt(vocab - 4);
            }
            out.add(s);
        }
        return out;
    }

    /**
     * Right-padded source rows x + EOS, (B,S) int64.
     *
     * @param manager the owner
     * @param sentences the sentences, without EOS
     * @return the source tensor
     */
    public static NDArray sources(NDManager manager, List<int[]> sentences) {
        return rows(manager, sentences, -1, SpecialTokens.DEFAULT.eos());
    }

    /**
     * Builds, initialises and trains a model to copy its input.
     *
     * @param manager owns the parameters
     * @param config the architecture
     * @param steps optimiser steps
     * @param maxLength the longest training sentence
     * @param seed the seed
     * @return the trained model
     */
    public static Seq2SeqTransformer train(
            NDManager manager, ModelConfig config, int steps, int maxLength, long seed) {
        return train(manager, config, steps, maxLength, seed, 2e-3f);
    }

    /**
     * Builds, initialises and trains a model to copy its input, with Adam at a learning rate
     * reached after 50 steps of linear warm-up.
     *
     * @param manager owns the parameters
     * @param config the architecture
     * @param steps optimiser steps
     * @param maxLength the longest training sentence
     * @param seed the seed
     * @param lr the learning rate after warm-up
     * @return the trained model
     */
    public static Seq2SeqTransformer train(
            NDManager manager, ModelConfig config, int steps, int maxLength, long seed, float lr) {
        Engine.getInstance().setRandomSeed((int) seed);
        Seq2SeqTransformer model = new Seq2SeqTransformer(config, SpecialTokens.DEFAULT);
        model.initialize(manager, DataType.FLOAT32, new Shape(2, 5), new Shape(2, 4));
        Optimizer adam =
                Optimizer.adam()
                        .optLearningRateTracker(
                                Tracker.warmUp()
                                        .optWarmUpSteps(50)
                                        .optWarmUpBeginValue(lr / 50)
                                        .setMainTracker(Tracker.fixed(lr))
                                        .build())
                        .build();
        ParameterStore ps = new ParameterStore(manager, false);
        Random random = new Random(seed);
        int vocab = config.targetVocabSize();
        for (int step = 0; step < steps; step++) {
            List<int[]> batch = sentences(random, 64, 1, maxLength, vocab);
            try (NDManager m = manager.newSubManager()) {
                NDArray src = sources(m, batch);
                NDArray in = rows(m, batch, SpecialTokens.DEFAULT.bos(), -1);
                NDArray labels = sources(m, batch);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray logits =
                            model.forward(ps, new NDList(src, in), true).singletonOrThrow();
                    gc.backward(loss(logits, labels, vocab));
                }
                update(model, adam);
            }
        }
        return model;
    }

    private static NDArray loss(NDArray logits, NDArray labels, int vocab) {
        NDArray keep = labels.neq(SpecialTokens.DEFAULT.pad()).toType(DataType.FLOAT32, false);
        NDArray picked = logits.logSoftmax(-1).mul(labels.oneHot(vocab)).sum(new int[] {2});
        return picked.mul(keep).sum().div(keep.sum()).neg();
    }

    private static void update(Seq2SeqTransformer model, Optimizer adam) {
        for (Pair<String, Parameter> p : model.getParameters()) {
            NDArray w = p.getValue().getArray();
            NDArray g = w.getGradient();
            adam.update(p.getValue().getId(), w, g);
            JniUtils.zeroGrad((PtNDArray) w);
            g.close();
        }
    }

    /** Rows {@code [first] + x + [last]} right-padded; -1 omits first/last. */
    private static NDArray rows(NDManager manager, List<int[]> sentences, int first, int last) {
        int extra = (first >= 0 ? 1 : 0) + (last >= 0 ? 1 : 0);
        int width = 0;
        for (int[] s : sentences) {
            width = Math.max(width, s.length + extra);
        }
        long[] flat = new long[sentences.size() * width];
        for (int r = 0; r < sentences.size(); r++) {
            int at = r * width;
            if (first >= 0) {
                flat[at++] = first;
            }
            for (int id : sentences.get(r)) {
                flat[at++] = id;
            }
            if (last >= 0) {
                flat[at] = last;
            }
        }
        return manager.create(flat, new Shape(sentences.size(), width));
    }
}
