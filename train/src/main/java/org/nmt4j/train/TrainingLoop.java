package org.nmt4j.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.ParameterList;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nmt4j.data.batch.BatchBuilder;
import org.nmt4j.data.batch.Batcher;
import org.nmt4j.data.batch.EpochPlan;
import org.nmt4j.data.batch.TokenBatch;
import org.nmt4j.data.batch.TokenizedCorpus;
import org.nmt4j.model.Memory;
import org.nmt4j.model.NativeScalars;
import org.nmt4j.model.Seq2SeqTransformer;
import org.nmt4j.train.checkpoint.TrainingState;
import org.nmt4j.train.config.TrainConfig;
import org.nmt4j.train.loss.LabelSmoothedCrossEntropy;
import org.nmt4j.train.optim.AdamW;
import org.nmt4j.train.optim.GradientClipper;
import org.nmt4j.train.optim.Gradients;
import org.nmt4j.train.schedule.InverseSqrtSchedule;

/**
 * The training loop. It does no I/O itself: validation, checkpoints and reporting are hooks.
 *
 * <p>One optimiser step takes {@code train.accumulation} batches of the current epoch (fewer at the
 * end of an epoch; a step never spans two epochs). For each batch, in its own sub-manager and
 * {@link NDScope} (nothing of a step outlives it): dropout is reseeded from {@code (seed, epoch,
 * batch)}, the teacher-forced forward pass gives logits (B,T,V), the label-smoothed loss sum over
 * non-pad targets is divided by the non-pad target tokens of the whole step and back-propagated
 * (gradients add up over the batches). Then the global gradient norm is clipped, and Adam updates
 * the parameters with the inverse-square-root learning rate of the step. A step whose loss or
 * gradient norm is NaN or infinite is skipped (gradients zeroed, no update; see {@link
 * NonFiniteGuard}).
 *
 * <p>Every {@code validate_every} steps the dev set is measured; a better dev BLEU marks the next
 * checkpoint as the best, and {@code patience} validations without one stop the run. Checkpoints
 * are written every {@code checkpoint_every} steps, after a new best, and at the end. The run ends
 * at {@code max_steps}, {@code max_epochs} or {@code max_minutes} of training time, by early
 * stopping, or when a stop is requested (after the current step).
 *
 * <p>Shapes: B batch, S source length, T target length, V target vocabulary.
 */
public final class TrainingLoop {
    private final Seq2SeqTransformer model;
    private final NDManager manager;
    private final ParameterStore ps;
    private final ParameterList params;
    private final AdamW optimizer;
    private final TrainConfig train;
    private final Data data;
    private final Hooks hooks;
    private final InverseSqrtSchedule schedule;
    private final BatchLoss loss;
    private final NonFiniteGuard guard;
    private final IntervalMeter meter = new IntervalMeter();

    private LoopPosition at;
    private EpochPlan plan;
    private boolean earlyStop;
    private ValidationResult lastValidation;

    /**
     * The training data.
     *
     * @param corpus the training pairs as ids
     * @param batcher its batches, per epoch
     * @param builder turns a batch's pairs into id matrices (the target shift)
     */
    public record Data(TokenizedCorpus corpus, Batcher batcher, BatchBuilder builder) {}

    /**
     * What the loop calls out to.
     *
     * @param validation measures the dev set
     * @param checkpoints writes checkpoints
     * @param listener hears every event (see {@link TrainingListener#all})
     * @param stop checked between steps
     */
    public record Hooks(
            DevValidation validation,
            CheckpointSink checkpoints,
            TrainingListener listener,
            StopSignal stop) {}

    /**
     * Creates a loop.
     *
     * @param model the model, initialised, its parameters owned by {@code manager}
     * @param manager the manager of the parameters, on the training device; every batch runs in a
     *     sub-manager of it
     * @param optimizer the optimiser (with restored state when resuming)
     * @param train the training settings
     * @param data the training data
     * @param hooks validation, checkpoints, listeners and the stop signal
     */
    public TrainingLoop(
            Seq2SeqTransformer model,
            NDManager manager,
            AdamW optimizer,
            TrainConfig train,
            Data data,
            Hooks hooks) {
        this(model, manager, optimizer, train, data, hooks, null);
    }

    /** As the public constructor, with another loss (tests inject non-finite losses). */
    TrainingLoop(
            Seq2SeqTransformer model,
            NDManager manager,
            AdamW optimizer,
            TrainConfig train,
            Data data,
            Hooks hooks,
            BatchLoss loss) {
        this.model = model;
        this.manager = manager;
        this.ps = new ParameterStore(manager, false);
        this.params = model.getParameters();
        this.optimizer = optimizer;
        this.train = train;
        this.data = data;
        this.hooks = hooks;
        this.schedule = InverseSqrtSchedule.from(train, model.config().modelSize());
        this.loss =
                loss != null
                        ? loss
                        : new LabelSmoothedCrossEntropy(
                                        train.labelSmoothing(), model.special().pad())
                                ::sums;
        this.guard = new NonFiniteGuard(train.maxNonFiniteLosses());
    }

    /**
     * Trains from a state until a limit, early stopping or a stop request, then validates (unless
     * interrupted or just done) and writes a final checkpoint.
     *
     * @param start where to start: {@link TrainingState#start} or a checkpoint's state
     * @return how the run ended
     * @throws TrainingException after too many non-finite losses in a row, when memory runs out, or
     *     when a checkpoint cannot be written
     */
    public TrainingOutcome run(TrainingState start) {
        at = new LoopPosition(start);
        earlyStop =
                train.patience() > 0 && start.validationsWithoutImprovement() >= train.patience();
        long checkpointedAt = start.step() > 0 ? start.step() : -1;
        long validatedAt = start.step();
        plan = planOf(at.epoch);
        hooks.listener().started(at.snapshot(), plan.size());
        StopReason reason;
        while ((reason = limitReached()) == null) {
            if (!trainOneStep()) {
                continue;
            }
            boolean best = false;
            if (at.step % train.validateEvery() == 0) {
                best = validate();
                validatedAt = at.step;
            }
            if (at.step % train.checkpointEvery() == 0 || best) {
                checkpoint(best);
                checkpointedAt = at.step;
            }
        }
        meter.flush(at, hooks.listener());
        boolean best = false;
        if (reason != StopReason.INTERRUPTED && validatedAt != at.step) {
            best = validate();
        }
        if (checkpointedAt != at.step || best) {
            checkpoint(best);
        }
        TrainingOutcome outcome =
                new TrainingOutcome(reason, at.snapshot(), lastValidation, guard.skipped());
        hooks.listener().finished(outcome);
        return outcome;
    }

    private StopReason limitReached() {
        if (hooks.stop().requested()) {
            return StopReason.INTERRUPTED;
        }
        if (earlyStop) {
            return StopReason.EARLY_STOPPING;
        }
        if (train.maxSteps() > 0 && at.step >= train.maxSteps()) {
            return StopReason.MAX_STEPS;
        }
        if (train.maxEpochs() > 0 && at.epoch >= train.maxEpochs()) {
            return StopReason.MAX_EPOCHS;
        }
        if (train.maxMinutes() > 0 && at.trainingSeconds >= train.maxMinutes() * 60) {
            return StopReason.MAX_MINUTES;
        }
        return null;
    }

    private EpochPlan planOf(int epoch) {
        EpochPlan p = data.batcher().plan(epoch);
        if (p.size() == 0) {
            throw new TrainingException("the training data has no batch (no training pair)");
        }
        return p;
    }

    /** Trains on the next group of batches; returns false when it was skipped. */
    private boolean trainOneStep() {
        if (plan.epoch() != at.epoch) {
            plan = planOf(at.epoch);
            hooks.listener().epochStarted(at.epoch, plan.size());
        }
        long t0 = System.nanoTime();
        int from = (int) at.batchInEpoch;
        int count = Math.min(train.accumulation(), plan.size() - from);
        List<TokenBatch> batches = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            batches.add(data.builder().build(data.corpus(), plan.batch(from + k)));
        }
        GroupResult r = forwardBackward(batches, from);
        String problem = r.problem;
        double norm = Double.NaN;
        if (problem == null) {
            norm = GradientClipper.clipGlobalNorm(params, train.clipNorm());
            problem = Double.isFinite(norm) ? null : "gradient norm " + norm;
        }
        int epoch = at.epoch;
        at.advance(count, plan.size());
        if (problem != null) {
            Gradients.zero(params);
            at.trainingSeconds += (System.nanoTime() - t0) / 1e9;
            skip(problem, epoch, from, count);
            return false;
        }
        guard.finite();
        double lr = schedule.learningRate(at.step + 1);
        optimizer.step(params, lr);
        double seconds = (System.nanoTime() - t0) / 1e9;
        at.step++;
        at.trainingSeconds += seconds;
        at.targetTokens += r.targetTokens;
        report(r, epoch, lr, norm, seconds);
        return true;
    }

    private void skip(String problem, int epoch, int from, int count) {
        String what =
                String.format(
                        Locale.ROOT,
                        "%s after step %d (epoch %d, batches %d..%d)",
                        problem,
                        at.step,
                        epoch,
                        from,
                        from + count - 1);
        meter.skipped++;
        hooks.listener().skipped(at.step, what);
        guard.nonFinite(what);
    }

    private void report(GroupResult r, int epoch, double lr, double norm, double seconds) {
        int batches = plan.size();
        long inEpoch = at.epoch == epoch ? at.batchInEpoch : batches;
        StepReport report =
                new StepReport(
                        at.step,
                        epoch,
                        inEpoch,
                        batches,
                        r.lossSum / r.targetTokens,
                        lr,
                        norm,
                        r.tokens,
                        r.targetTokens,
                        seconds,
                        at.trainingSeconds);
        hooks.listener().stepped(report);
        meter.add(report);
        if (at.step % train.logEvery() == 0) {
            meter.flush(at, hooks.listener());
        }
    }

    /** The sums of one group of batches, or the first non-finite loss. */
    private record GroupResult(double lossSum, long targetTokens, long tokens, String problem) {}

    private GroupResult forwardBackward(List<TokenBatch> batches, int from) {
        long targetTokens = 0;
        long tokens = 0;
        for (TokenBatch b : batches) {
            targetTokens += b.realTargetTokens();
            tokens += b.realSourceTokens() + b.realTargetTokens();
        }
        double lossSum = 0;
        for (int k = 0; k < batches.size(); k++) {
            Engine.getInstance().setRandomSeed(RandomStreams.batch(at.seed, at.epoch, from + k));
            double value = backward(batches.get(k), targetTokens);
            if (!Double.isFinite(value)) {
                return new GroupResult(0, targetTokens, tokens, "loss " + value);
            }
            lossSum += value;
        }
        return new GroupResult(lossSum, targetTokens, tokens, null);
    }

    /** Forward and backward of one batch; returns its loss sum (not back-propagated if NaN). */
    private double backward(TokenBatch batch, long stepTargetTokens) {
        try (NDManager sub = manager.newSubManager();
                NDScope scope = new NDScope();
                GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            scope.suppressNotUsedWarning();
            TokenBatch.Tensors t = batch.toArrays(sub);
            Memory memory = model.encode(ps, t.source(), true);
            NDArray logits = model.decode(ps, memory, t.targetIn(), null, true).logits();
            LabelSmoothedCrossEntropy.Sums sums = loss.sums(logits, t.labels());
            double value = sums.loss().getFloat();
            if (Double.isFinite(value)) {
                // a native scalar, not div(Number): see NativeScalars
                NDArray tokens = NativeScalars.of(sub, stepTargetTokens, sums.loss().getDataType());
                gc.backward(sums.loss().div(tokens));
            }
            return value;
        } catch (RuntimeException | OutOfMemoryError e) {
            if (OutOfMemory.is(e)) {
                throw OutOfMemory.advice(
                        e,
                        manager.getDevice(),
                        batch,
                        data.batcher().batchTokens(),
                        train.accumulation());
            }
            throw e;
        }
    }

    /** Validates; returns whether dev BLEU improved. */
    private boolean validate() {
        ValidationResult r = hooks.validation().validate(hooks.stop());
        if (r == null) {
            return false;
        }
        lastValidation = r;
        double bleu = r.bleu().score();
        boolean improved = at.bestMetric == null || bleu > at.bestMetric;
        if (improved) {
            at.bestMetric = bleu;
            at.bestStep = at.step;
            at.withoutImprovement = 0;
        } else {
            at.withoutImprovement++;
        }
        hooks.listener().validated(at.snapshot(), r, improved);
        if (train.patience() > 0 && at.withoutImprovement >= train.patience()) {
            earlyStop = true;
        }
        return improved;
    }

    private void checkpoint(boolean best) {
        TrainingState state = at.snapshot();
        try {
            Path dir = hooks.checkpoints().save(state, best);
            hooks.listener().checkpointed(dir, state, best);
        } catch (IOException e) {
            throw new TrainingException(
                    "cannot write the checkpoint of step " + state.step() + ": " + e.getMessage(),
                    new UncheckedIOException(e));
        }
    }
}
