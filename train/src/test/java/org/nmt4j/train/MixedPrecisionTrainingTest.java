package org.nmt4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nmt4j.train.checkpoint.TrainingState;
import org.nmt4j.train.loss.LabelSmoothedCrossEntropy;
import org.nmt4j.train.precision.FullPrecision;
import org.nmt4j.train.precision.LossScaler;
import org.nmt4j.train.precision.MixedPrecision;
import org.nmt4j.train.precision.Precision;
import org.nmt4j.train.precision.StepPrecision;

/**
 * fp16 mixed precision through the real loop, on the CPU (float16 kernels are slow there, so the
 * model is tiny): it learns as float32 does, an overflow is skipped and halves the loss scale, and
 * the parameters stay the float32 master weights.
 */
class MixedPrecisionTrainingTest {
    private static final int STEPS = 400;
    private static final int HELD_OUT = 40;
    private static final int BAR = 36;

    private static TrainingLoop loop(
            CopyRun run,
            int steps,
            StepPrecision precision,
            TrainingListener listener,
            BatchLoss loss) {
        return new TrainingLoop(
                run.model,
                run.manager,
                run.optimizer,
                CopyRun.train(steps, precision.precision()),
                run.data(),
                new TrainingLoop.Hooks(
                        s -> LoopFixture.validation(1),
                        (state, best) -> Path.of("none"),
                        listener,
                        new StopSignal()),
                loss,
                precision);
    }

    private static int trainAndCount(Precision p) {
        try (CopyRun run = new CopyRun();
                StepPrecision precision =
                        p == Precision.FP16
                                ? new MixedPrecision(
                                        run.manager,
                                        run.model.getParameters(),
                                        LossScaler.forAccumulation(1))
                                : new FullPrecision(run.manager, run.model.getParameters())) {
            loop(run, STEPS, precision, new TrainingListener() {}, null)
                    .run(TrainingState.start(1));
            for (Pair<String, Parameter> param : run.model.getParameters()) {
                assertEquals(
                        DataType.FLOAT32,
                        param.getValue().getArray().getDataType(),
                        "master weight " + param.getKey());
            }
            return run.exactMatches(HELD_OUT);
        }
    }

    @Test
    void fp16_learnsTheCopyTask_toTheSameExactMatchBarAsFp32() {
        int fp32 = trainAndCount(Precision.FP32);
        int fp16 = trainAndCount(Precision.FP16);
        assertTrue(fp32 >= BAR, "fp32 exact matches: " + fp32 + " of " + HELD_OUT);
        assertTrue(fp16 >= BAR, "fp16 exact matches: " + fp16 + " of " + HELD_OUT);
    }

    private static MixedPrecision fp16(CopyRun run) {
        return new MixedPrecision(
                run.manager, run.model.getParameters(), LossScaler.forAccumulation(1));
    }

    private static List<float[]> parameters(CopyRun run) {
        List<float[]> out = new ArrayList<>();
        for (Pair<String, Parameter> p : run.model.getParameters()) {
            out.add(p.getValue().getArray().toFloatArray());
        }
        return out;
    }

    /** The real loss; on the given calls multiplied by 1e30, which overflows float16 gradients. */
    private static BatchLoss overflowOnCalls(Set<Integer> calls) {
        LabelSmoothedCrossEntropy real = new LabelSmoothedCrossEntropy(0, 0);
        int[] call = {0};
        return (logits, labels) -> {
            LabelSmoothedCrossEntropy.Sums s = real.sums(logits, labels);
            call[0]++;
            if (!calls.contains(call[0])) {
                return s;
            }
            NDArray huge = s.loss().getManager().full(s.loss().getShape(), 1e30f);
            return new LabelSmoothedCrossEntropy.Sums(s.loss().mul(huge), s.nll(), s.tokens());
        };
    }

    @Test
    void overflows_areSkipped_halveTheScaleEachTime_andLeaveTheMasterWeights() {
        try (CopyRun run = new CopyRun();
                MixedPrecision precision = fp16(run)) {
            List<List<float[]>> afterStep = new ArrayList<>();
            List<List<float[]>> atSkip = new ArrayList<>();
            List<String> skipped = new ArrayList<>();
            TrainingListener listener =
                    new TrainingListener() {
                        @Override
                        public void stepped(StepReport r) {
                            afterStep.add(parameters(run));
                        }

                        @Override
                        public void skipped(long step, String what) {
                            skipped.add(what);
                            atSkip.add(parameters(run));
                        }
                    };
            // three overflows in a row: fp32's guard (max_non_finite_losses 3) would stop the run
            TrainingOutcome out =
                    loop(run, 5, precision, listener, overflowOnCalls(Set.of(3, 4, 5)))
                            .run(TrainingState.start(1));
            assertEquals(5, out.state().step());
            assertEquals(5, run.optimizer.steps(), "no optimiser step for an overflow");
            assertEquals(3, out.skippedBatches());
            assertEquals(16.0, precision.lossScale(), "128 halved three times");
            assertTrue(
                    skipped.get(0).matches("gradient norm (NaN|Infinity) after step 2 .*"),
                    skipped.get(0));
            assertTrue(skipped.get(0).endsWith("fp16 loss scale lowered to 64.0"), skipped.get(0));
            for (List<float[]> skip : atSkip) {
                for (int i = 0; i < skip.size(); i++) {
                    assertArrayEquals(afterStep.get(1).get(i), skip.get(i), "parameter " + i);
                }
            }
        }
    }

    @Test
    void fp16Step_measuresTheUnscaledGradientNormAndLoss_ofFp32() {
        List<StepReport> fp32 = new ArrayList<>();
        List<StepReport> fp16 = new ArrayList<>();
        for (List<StepReport> reports : List.of(fp32, fp16)) {
            try (CopyRun run = new CopyRun();
                    StepPrecision precision =
                            reports == fp16
                                    ? fp16(run)
                                    : new FullPrecision(run.manager, run.model.getParameters())) {
                TrainingListener listener =
                        new TrainingListener() {
                            @Override
                            public void stepped(StepReport r) {
                                reports.add(r);
                            }
                        };
                loop(run, 1, precision, listener, null).run(TrainingState.start(1));
                NDArray copy =
                        precision
                                .store()
                                .getValue(
                                        run.model.getParameters().get(0).getValue(),
                                        run.manager.getDevice(),
                                        true);
                assertEquals(
                        reports == fp16 ? DataType.FLOAT16 : DataType.FLOAT32,
                        copy.getDataType(),
                        "the forward pass's weights");
            }
        }
        double norm = fp32.get(0).gradientNorm();
        assertEquals(norm, fp16.get(0).gradientNorm(), 0.01 * norm, "unscaled by 128");
        assertEquals(fp32.get(0).loss(), fp16.get(0).loss(), 0.01 * fp32.get(0).loss());
    }
}
