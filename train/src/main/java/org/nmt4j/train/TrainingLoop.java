package org.nmt4j.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.nmt4j.data.batch.BatchBuilder;
import org.nmt4j.data.batch.Batcher;
import org.nmt4j.data.batch.EpochPlan;
import org.nmt4j.data.batch.TokenBatch;
import org.nmt4j.data.batch.TokenizedCorpus;
import org.nmt4j.model.Seq2SeqTransformer;
import org.nmt4j.model.runtime.GpuMemory;
import org.nmt4j.train.checkpoint.TrainingState;
import org.nmt4j.train.config.TrainConfig;
import org.nmt4j.train.loss.LabelSmoothedCrossEntropy;
import org.nmt4j.train.optim.AdamW;
import org.nmt4j.train.precision.FullPrecision;
import org.nmt4j.train.precision.StepPrecision;
import org.nmt4j.train.schedule.InverseSqrtSchedule;

/**
 * The training loop. It does no I/O itself: validation, checkpoints and reporting are hooks.
 *
 * <p>One optimiser step takes {@code train.accumulation} batches of the current epoch (fewer at the
 * end of an epoch; a step never spans two epochs). {@link StepGradients} runs each batch in its own
 * sub-manager and {@link NDScope} (nothing of a step outlives it) and accumulates the loss on the
 * device; the loss and the squared gradient norm are read back once per step. Then the global
 * gradient norm is clipped and Adam updates the parameters with the inverse-square-root learning
 * rate of the step, both inside the optimiser's update (no scalar is copied to the device). A step
 * whose loss or gradient norm is NaN or infinite is skipped (gradients zeroed, no update; see
 * {@link NonFiniteGuard}); in fp16 such a step lowers the loss scale instead ({@link
 * StepPrecision}).
 *
 * <p>Every {@code validate_every} steps the dev set is measured (and on a GPU PyTorch's memory
 * cache released); a better dev BLEU marks the next checkpoint as the best, and {@code patience}
 * validations without one stop the run. Checkpoints are written every {@code checkpoint_every}
 * steps, after a new best, and at the end. The run ends at {@code max_steps}, {@code max_epochs} or
 * {@code max_minutes} of training time, by early stopping, or when a stop is requested (after the
 * current step).
 *
 * <p>Shapes: B batch, S source length, T target length, V target vocabulary.
 */
public final class TrainingLoop {
    private final NDManager manager;
    private final AdamW optimizer;
    private final TrainConfig train;
    private final Data data;
    private final Hooks hooks;
    private final InverseSqrtSchedule schedule;
    private final StepPrecision precision;
    private final StepGradients gradients;
    private final NonFiniteGuard guard;
    private final IntervalMeter meter = new IntervalMeter();

    private LoopPosition at;
    private EpochPlan plan;
    private boolean earlyStop;
    private long skippedSteps;
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
        this(model, manager, optimizer, train, data, hooks, null, null);
    }

    /**
     * Creates a loop that trains in a given precision.
     *
     * @param model the model, initialised, its parameters owned by {@code manager}
     * @param manager the manager of the parameters, on the training device
     * @param optimizer the optimiser (with restored state when resuming)
     * @param train the training settings
     * @param data the training data
     * @param hooks validation, checkpoints, listeners and the stop signal
     * @param precision float32, or fp16 with its loss scaler (closed by the caller)
     */
    public TrainingLoop(
            Seq2SeqTransformer model,
            NDManager manager,
            AdamW optimizer,
            TrainConfig train,
            Data data,
            Hooks hooks,
            StepPrecision precision) {
        this(model, manager, optimizer, train, data, hooks, null, precision);
    }

    /** As the public constructors, with another loss (tests inject non-finite losses). */
    TrainingLoop(
            Seq2SeqTransformer model,
            NDManager manager,
            AdamW optimizer,
            TrainConfig train,
            Data data,
            Hooks hooks,
            BatchLoss loss,
            StepPrecision precision) {
        this.manager = manager;
        this.optimizer = optimizer;
        this.train = train;
        this.data = data;
        this.hooks = hooks;
        this.schedule = InverseSqrtSchedule.from(train, model.config().modelSize());
        this.precision =
                precision != null ? precision : new FullPrecision(manager, model.getParameters());
        BatchLoss batchLoss =
                loss != null
                        ? loss
                        : new LabelSmoothedCrossEntropy(
                                        train.labelSmoothing(), model.special().pad())
                                ::sums;
        this.gradients =
                new StepGradients(
                        model,
                        manager,
                        this.precision,
                        batchLoss,
                        new StepGradients.OutOfMemoryAdvice(
                                data.batcher().batchTokens(), train.accumulation()));
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
                new TrainingOutcome(reason, at.snapshot(), lastValidation, skippedSteps);
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
        StepGradients.Sums r = gradients.compute(batches, at.seed, at.epoch, from);
        double scale = precision.lossScale();
        double norm = Math.sqrt(r.squares()) / scale;
        String problem = null;
        if (!Double.isFinite(r.loss())) {
            problem = "loss " + r.loss();
        } else if (!Double.isFinite(norm)) {
            problem = "gradient norm " + norm;
        }
        float factor = gradientFactor(norm, scale);
        Optional<String> absorbed = recordFiniteness(problem == null);
        int epoch = at.epoch;
        at.advance(count, plan.size());
        if (problem != null) {
            precision.discardGradients();
            at.trainingSeconds += (System.nanoTime() - t0) / 1e9;
            skip(problem, absorbed, epoch, from, count);
            return false;
        }
        guard.finite();
        double lr = schedule.learningRate(at.step + 1);
        precision.update(optimizer, lr, factor);
        double seconds = (System.nanoTime() - t0) / 1e9;
        at.step++;
        at.trainingSeconds += seconds;
        at.targetTokens += r.targetTokens();
        report(r, epoch, lr, norm, seconds);
        return true;
    }

    /**
     * The factor the gradients (as they are, scaled by the loss scale) are multiplied by: the
     * inverse of the loss scale, and global-norm clipping as {@code torch.nn.utils.clip_grad_norm_}
     * does it ({@code clip_norm / (norm + 1e-6)} when the norm of the unscaled gradients exceeds
     * {@code clip_norm}).
     */
    private float gradientFactor(double norm, double scale) {
        double clip = train.clipNorm();
        double factor = clip > 0 && norm > clip ? (float) (clip / (norm + 1e-6)) : 1.0;
        return (float) (factor / scale);
    }

    private Optional<String> recordFiniteness(boolean finite) {
        try {
            return precision.recordFiniteness(finite);
        } catch (ArithmeticException e) {
            throw new TrainingException(e.getMessage(), e);
        }
    }

    private void skip(String problem, Optional<String> absorbed, int epoch, int from, int count) {
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
        skippedSteps++;
        if (absorbed.isPresent()) {
            hooks.listener().skipped(at.step, what + "; " + absorbed.get());
            return;
        }
        hooks.listener().skipped(at.step, what);
        guard.nonFinite(what);
    }

    private void report(StepGradients.Sums r, int epoch, double lr, double norm, double seconds) {
        int batches = plan.size();
        long inEpoch = at.epoch == epoch ? at.batchInEpoch : batches;
        StepReport report =
                new StepReport(
                        at.step,
                        epoch,
                        inEpoch,
                        batches,
                        r.loss() / r.targetTokens(),
                        lr,
                        norm,
                        r.tokens(),
                        r.targetTokens(),
                        seconds,
                        at.trainingSeconds);
        hooks.listener().stepped(report);
        meter.add(report);
        if (at.step % train.logEvery() == 0) {
            meter.flush(at, hooks.listener());
        }
    }

    /**
     * Returns how many times the loop has read values back from the device: one per optimiser step
     * (skipped steps included), whatever {@code train.accumulation} is.
     *
     * @return the count
     */
    long hostReads() {
        return gradients.hostReads();
    }

    /** Validates; returns whether dev BLEU improved. */
    private boolean validate() {
        ValidationResult r = hooks.validation().validate(hooks.stop());
        // validation's batch shapes differ from training's: give the cached blocks back
        GpuMemory.releaseCache(manager.getDevice());
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
