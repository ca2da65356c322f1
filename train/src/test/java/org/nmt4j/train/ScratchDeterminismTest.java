package org.nmt4j.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nmt4j.model.Memory;
import org.nmt4j.model.ModelConfig;
import org.nmt4j.model.Seq2SeqTransformer;
import org.nmt4j.model.SpecialTokens;
import org.nmt4j.train.loss.LabelSmoothedCrossEntropy;
import org.nmt4j.train.optim.Gradients;

class ScratchDeterminismTest {
    @Test
    void scratch() {
        float dropout = Float.parseFloat(System.getProperty("scratch.dropout", "0.1"));
        ModelConfig c = new ModelConfig(1000, 1000, 128, 4, 256, 2, 2, dropout, dropout,
                ModelConfig.NormPlacement.valueOf(System.getProperty("scratch.norm", "PRE")), ModelConfig.Positions.SINUSOIDAL, 128,
                ModelConfig.Tying.ALL, ModelConfig.Activation.RELU);
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(1);
            Seq2SeqTransformer model = new Seq2SeqTransformer(c, SpecialTokens.DEFAULT);
            model.initialize(m, DataType.FLOAT32, new Shape(1, 1), new Shape(1, 1));
            ParameterStore ps = new ParameterStore(m, false);
            LabelSmoothedCrossEntropy loss = new LabelSmoothedCrossEntropy(0.1, 0);
            Random r = new Random(5);
            int diffs = 0;
            for (int trial = 0; trial < 300; trial++) {
                int b = 1 + r.nextInt(6);
                int s = 2 + r.nextInt(12);
                int t = 2 + r.nextInt(12);
                long[] src = new long[b * s];
                long[] tin = new long[b * t];
                long[] lab = new long[b * t];
                for (int i = 0; i < b; i++) {
                    int ls = i == 0 ? s : 1 + r.nextInt(s);
                    int lt = i == 0 ? t : 1 + r.nextInt(t);
                    for (int k = 0; k < ls; k++) src[i * s + k] = 4 + r.nextInt(996);
                    for (int k = 0; k < lt; k++) { tin[i * t + k] = 4 + r.nextInt(996); lab[i * t + k] = 4 + r.nextInt(996); }
                }
                double[] norms = new double[2];
                for (int rep = 0; rep < 2; rep++) {
                    Engine.getInstance().setRandomSeed(77 + trial);
                    try (NDManager sub = m.newSubManager(); NDScope scope = new NDScope();
                            GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray a = sub.create(src, new Shape(b, s));
                        NDArray ti = sub.create(tin, new Shape(b, t));
                        NDArray la = sub.create(lab, new Shape(b, t));
                        Memory mem = model.encode(ps, a, true);
                        NDArray logits = model.decode(ps, mem, ti, null, true).logits();
                        gc.backward(loss.sums(logits, la).loss());
                    }
                    norms[rep] = Gradients.globalNorm(model.getParameters());
                    Gradients.zero(model.getParameters());
                }
                if (norms[0] != norms[1]) {
                    diffs++;
                    System.err.println("DIFF trial " + trial + " b=" + b + " s=" + s + " t=" + t + " " + norms[0] + " " + norms[1]);
                }
            }
            System.err.println("DIFFS " + diffs);
        }
    }
}
