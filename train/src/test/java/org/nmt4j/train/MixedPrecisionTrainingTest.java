package org.nmt4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.nmt4j.train.checkpoint.TrainingState;
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
}
