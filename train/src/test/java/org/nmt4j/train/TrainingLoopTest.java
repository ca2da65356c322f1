package org.nmt4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nmt4j.train.checkpoint.TrainingState;
import org.nmt4j.train.config.TrainConfig;
import org.nmt4j.train.loss.LabelSmoothedCrossEntropy;

/** The loop's control flow on a tiny model: skipping, limits, validation, checkpoints, stop. */
class TrainingLoopTest {
    private LoopFixture f;
    private final List<String> checkpoints = new ArrayList<>();

    @BeforeEach
    void setUp() {
        f = new LoopFixture();
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private CheckpointSink recordingSink() {
        return (state, best) -> {
            checkpoints.add(state.step() + (best ? "*" : ""));
            return Path.of("step-" + state.step());
        };
    }

    private TrainingLoop loop(
            TrainConfig train,
            DevValidation validation,
            TrainingListener listener,
            StopSignal stop,
            BatchLoss loss) {
        return new TrainingLoop(
                f.model,
                f.manager,
                f.optimizer,
                train,
                f.data(),
                new TrainingLoop.Hooks(validation, recordingSink(), listener, stop),
                loss,
                null);
    }

    /** The real loss, except that the batches whose 1-based call numbers are given are NaN. */
    private static BatchLoss nanOnCalls(Set<Integer> calls) {
        LabelSmoothedCrossEntropy real = new LabelSmoothedCrossEntropy(0.1, 0);
        int[] call = {0};
        return (logits, labels) -> {
            LabelSmoothedCrossEntropy.Sums s = real.sums(logits, labels);
            call[0]++;
            if (!calls.contains(call[0])) {
                return s;
            }
            NDArray nan = s.loss().mul(s.loss().getManager().full(s.loss().getShape(), Float.NaN));
            return new LabelSmoothedCrossEntropy.Sums(nan, s.nll(), s.tokens());
        };
    }

    @Test
    void nonFiniteLoss_skipsTheBatchWithoutTouchingTheParameters_andTrainingGoesOn() {
        List<List<float[]>> afterStep = new ArrayList<>();
        List<List<float[]>> atSkip = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        TrainingListener listener =
                new TrainingListener() {
                    @Override
                    public void stepped(StepReport r) {
                        afterStep.add(f.parameters());
                    }

                    @Override
                    public void skipped(long step, String what) {
                        skipped.add(what);
                        atSkip.add(f.parameters());
                    }
                };
        TrainingOutcome out =
                loop(
                                LoopFixture.train(1, 6, 0, 100, 100, 0, 3),
                                s -> LoopFixture.validation(1),
                                listener,
                                new StopSignal(),
                                nanOnCalls(Set.of(3)))
                        .run(TrainingState.start(1));
        assertEquals(StopReason.MAX_STEPS, out.reason());
        assertEquals(6, out.state().step());
        assertEquals(6, f.optimizer.steps(), "no optimiser step for the skipped batch");
        assertEquals(1, out.skippedBatches());
        assertEquals(7, out.state().batchInEpoch(), "the skipped batch is consumed");
        assertEquals(1, skipped.size());
        assertTrue(skipped.get(0).startsWith("loss NaN after step 2"), skipped.get(0));
        for (int i = 0; i < atSkip.get(0).size(); i++) {
            assertArrayEquals(afterStep.get(1).get(i), atSkip.get(0).get(i), "parameter " + i);
        }
        assertFalse(
                java.util.Arrays.equals(afterStep.get(1).get(0), afterStep.get(2).get(0)),
                "the step after the skipped batch trains again");
    }

    @Test
    void tooManyNonFiniteLossesInARow_stopTheRunWithAMessageNamingWhatToChange() {
        TrainingException e =
                assertThrows(
                        TrainingException.class,
                        () ->
                                loop(
                                                LoopFixture.train(1, 20, 0, 100, 100, 0, 3),
                                                s -> LoopFixture.validation(1),
                                                new TrainingListener() {},
                                                new StopSignal(),
                                                nanOnCalls(Set.of(3, 4, 5)))
                                        .run(TrainingState.start(1)));
        assertTrue(e.getMessage().startsWith("3 batches in a row"), e.getMessage());
        assertTrue(e.getMessage().contains("train.lr"), e.getMessage());
        assertEquals(2, f.optimizer.steps());
    }

    @Test
    void validation_marksBestCheckpoints_andPatienceStopsTheRunEarly() {
        Deque<Double> bleu = new ArrayDeque<>(List.of(10.0, 12.0, 11.0, 11.5, 12.0, 30.0));
        List<Boolean> improved = new ArrayList<>();
        TrainingListener listener =
                new TrainingListener() {
                    @Override
                    public void validated(TrainingState s, ValidationResult r, boolean better) {
                        improved.add(better);
                    }
                };
        TrainingOutcome out =
                loop(
                                LoopFixture.train(1, 100, 0, 3, 2, 3, 3),
                                s -> LoopFixture.validation(bleu.pop()),
                                listener,
                                new StopSignal(),
                                null)
                        .run(TrainingState.start(1));
        assertEquals(StopReason.EARLY_STOPPING, out.reason());
        assertEquals(10, out.state().step());
        assertEquals(List.of(true, true, false, false, false), improved);
        assertEquals(12.0, out.state().bestMetric());
        assertEquals(4, out.state().bestStep());
        assertEquals(3, out.state().validationsWithoutImprovement());
        assertEquals(List.of("2*", "3", "4*", "6", "9", "10"), checkpoints);
    }

    @Test
    void stopRequest_finishesTheStep_writesACheckpoint_andSkipsTheFinalValidation() {
        StopSignal stop = new StopSignal();
        int[] validations = {0};
        TrainingListener listener =
                new TrainingListener() {
                    @Override
                    public void stepped(StepReport r) {
                        if (r.step() == 5) {
                            stop.request("test");
                        }
                    }
                };
        TrainingOutcome out =
                loop(
                                LoopFixture.train(2, 100, 0, 4, 4, 0, 3),
                                s -> {
                                    validations[0]++;
                                    return LoopFixture.validation(1);
                                },
                                listener,
                                stop,
                                null)
                        .run(TrainingState.start(1));
        assertEquals(StopReason.INTERRUPTED, out.reason());
        assertEquals(5, out.state().step());
        assertEquals(1, validations[0], "only the validation of step 4");
        assertEquals(List.of("4*", "5"), checkpoints);
    }

    @Test
    void maxEpochs_endsAtTheEpochsEnd_withAShorterLastGroupOfBatches() {
        int batches = f.batcher.plan(0).size();
        List<Long> tokensPerStep = new ArrayList<>();
        TrainingListener listener =
                new TrainingListener() {
                    @Override
                    public void stepped(StepReport r) {
                        tokensPerStep.add(r.targetTokens());
                    }
                };
        TrainingOutcome out =
                loop(
                                LoopFixture.train(4, 0, 1, 100, 100, 0, 3),
                                s -> LoopFixture.validation(1),
                                listener,
                                new StopSignal(),
                                null)
                        .run(TrainingState.start(1));
        assertEquals(StopReason.MAX_EPOCHS, out.reason());
        assertEquals((batches + 3) / 4, out.state().step());
        assertEquals(1, out.state().epoch());
        assertEquals(0, out.state().batchInEpoch());
        assertEquals(f.corpus.targetTokens() + f.corpus.size(), out.state().targetTokens());
    }

    @Test
    void liveArrays_stayTheSameFromStepToStep_overHundredsOfSteps() {
        MemoryProbe probe = new MemoryProbe(f.manager);
        List<Integer> live = new ArrayList<>();
        TrainingListener listener =
                new TrainingListener() {
                    @Override
                    public void stepped(StepReport r) {
                        live.add(probe.liveArrays());
                    }
                };
        loop(
                        LoopFixture.train(2, 400, 0, 100, 50, 0, 3),
                        s -> LoopFixture.validation(1),
                        listener,
                        new StopSignal(),
                        null)
                .run(TrainingState.start(1));
        assertEquals(400, live.size());
        for (int i = 1; i < live.size(); i++) {
            assertEquals(live.get(1), live.get(i), "live arrays after step " + (i + 1));
        }
    }

    @Test
    void stepLoss_isTheDeviceSumOfItsBatches_readBackOncePerStep() {
        LabelSmoothedCrossEntropy real = new LabelSmoothedCrossEntropy(0.1, 0);
        List<Double> batchLoss = new ArrayList<>();
        List<Long> batchTokens = new ArrayList<>();
        BatchLoss recording =
                (logits, labels) -> {
                    LabelSmoothedCrossEntropy.Sums s = real.sums(logits, labels);
                    batchLoss.add((double) s.loss().getFloat());
                    batchTokens.add((long) s.tokens().getFloat());
                    return s;
                };
        List<StepReport> steps = new ArrayList<>();
        TrainingListener listener =
                new TrainingListener() {
                    @Override
                    public void stepped(StepReport r) {
                        steps.add(r);
                    }
                };
        TrainingLoop loop =
                loop(
                        LoopFixture.train(3, 4, 0, 100, 100, 0, 3),
                        s -> LoopFixture.validation(1),
                        listener,
                        new StopSignal(),
                        recording);
        loop.run(TrainingState.start(1));
        assertEquals(4, steps.size());
        assertEquals(12, batchLoss.size(), "three batches per step");
        assertEquals(4, loop.hostReads(), "one read per step, not one per batch");
        for (int i = 0; i < 4; i++) {
            double sum = 0;
            long tokens = 0;
            for (int k = 3 * i; k < 3 * i + 3; k++) {
                sum += batchLoss.get(k);
                tokens += batchTokens.get(k);
            }
            assertEquals(tokens, steps.get(i).targetTokens(), "step " + (i + 1));
            assertEquals(sum / tokens, steps.get(i).loss(), 1e-6 * sum / tokens, "step " + i);
        }
    }

    @Test
    void outOfMemoryInAStep_namesTheBatchAndTheSettingsToLower() {
        BatchLoss oom =
                (logits, labels) -> {
                    throw new ai.djl.engine.EngineException(
                            "CUDA out of memory. Tried to allocate 2.00 GiB");
                };
        TrainingException e =
                assertThrows(
                        TrainingException.class,
                        () ->
                                loop(
                                                LoopFixture.train(2, 4, 0, 100, 100, 0, 3),
                                                s -> LoopFixture.validation(1),
                                                new TrainingListener() {},
                                                new StopSignal(),
                                                oom)
                                        .run(TrainingState.start(1)));
        assertTrue(
                e.getMessage().startsWith("out of memory on cpu() with a batch of "),
                e.getMessage());
        assertTrue(
                e.getMessage()
                        .contains(
                                "lower data.batch_tokens (now 60), e.g. --set data.batch_tokens=30"),
                e.getMessage());
        assertTrue(e.getMessage().contains("raise train.accumulation (now 2)"), e.getMessage());
    }
}
