package org.nmt4j.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.nmt4j.data.batch.TokenBatch;
import org.nmt4j.model.EncoderOutput;
import org.nmt4j.model.Seq2SeqTransformer;
import org.nmt4j.train.loss.LabelSmoothedCrossEntropy;
import org.nmt4j.train.precision.StepPrecision;

/**
 * Computes the gradients of one optimiser step over its group of batches, without a host
 * synchronisation per batch: each batch's label-smoothed loss sum is added to a float32 scalar on
 * the device, and after the last batch that sum and the sum of the squared gradients are read back
 * together, once. The only host-to-device copies are the batches' id matrices; the scalars the loss
 * is multiplied by are filled on the device ({@code NDManager.full}).
 *
 * <p>Each batch runs in its own sub-manager and {@link NDScope}: dropout is reseeded from {@code
 * (seed, epoch, batch)}, the teacher-forced forward pass gives logits (B,T,V), the loss sum over
 * non-pad targets is multiplied by {@code lossScale / targetTokensOfTheStep} and back-propagated
 * (gradients add up over the batches). A non-finite loss is back-propagated too; the caller sees it
 * in the sums and discards the gradients.
 *
 * <p>Shapes: B batch, S source length, T target length, V target vocabulary.
 */
final class StepGradients {
    private final Seq2SeqTransformer model;
    private final NDManager manager;
    private final StepPrecision precision;
    private final BatchLoss loss;
    private final OutOfMemoryAdvice oom;
    private long hostReads;

    /** What to say when memory runs out: the configured batch size and accumulation. */
    record OutOfMemoryAdvice(int batchTokens, int accumulation) {}

    /**
     * The step's sums, read from the device in one go.
     *
     * @param loss the label-smoothed loss summed over the step's target tokens (not scaled)
     * @param squares the sum of the squared gradients, multiplied by the loss scale squared
     * @param targetTokens real target tokens of the step's batches
     * @param tokens real source plus target tokens of the step's batches
     */
    record Sums(double loss, double squares, long targetTokens, long tokens) {}

    StepGradients(
            Seq2SeqTransformer model,
            NDManager manager,
            StepPrecision precision,
            BatchLoss loss,
            OutOfMemoryAdvice oom) {
        this.model = model;
        this.manager = manager;
        this.precision = precision;
        this.loss = loss;
        this.oom = oom;
    }

    /**
     * Forward and backward passes over the batches; gradients are left on the parameters.
     *
     * @param batches the step's batches, in order
     * @param seed the run's seed
     * @param epoch the batches' epoch
     * @param from the index of the first batch in the epoch
     * @return the sums, read with one device-to-host copy
     */
    Sums compute(List<TokenBatch> batches, long seed, int epoch, int from) {
        long targetTokens = 0;
        long tokens = 0;
        for (TokenBatch b : batches) {
            targetTokens += b.realTargetTokens();
            tokens += b.realSourceTokens() + b.realTargetTokens();
        }
        try (NDManager step = manager.newSubManager();
                NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray lossSum = step.zeros(new Shape(), DataType.FLOAT32);
            // natively allocated scalars: Number overloads would copy (and on the CPU wrap Java
            // memory that the garbage collector may free before backward reads it)
            NDArray scale = step.full(new Shape(), (float) precision.lossScale(), DataType.FLOAT32);
            NDArray divisor = step.full(new Shape(), (float) targetTokens, DataType.FLOAT32);
            for (int k = 0; k < batches.size(); k++) {
                Engine.getInstance().setRandomSeed(RandomStreams.batch(seed, epoch, from + k));
                backward(batches.get(k), lossSum, scale, divisor);
            }
            try {
                NDArray squares = precision.gradientSquares();
                float[] read = read(NDArrays.stack(new NDList(lossSum, squares)));
                squares.close();
                return new Sums(read[0], read[1], targetTokens, tokens);
            } catch (RuntimeException | OutOfMemoryError e) {
                throw translated(e, batches.get(0));
            }
        }
    }

    /** Forward and backward of one batch; adds its (unscaled) loss sum to {@code lossSum}. */
    private void backward(TokenBatch batch, NDArray lossSum, NDArray scale, NDArray divisor) {
        try (NDManager sub = manager.newSubManager();
                NDScope scope = new NDScope();
                GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            scope.suppressNotUsedWarning();
            TokenBatch.Tensors t = batch.toArrays(sub);
            EncoderOutput memory = model.encode(precision.store(), t.source(), true);
            NDArray logits =
                    model.decode(precision.store(), memory, t.targetIn(), null, true).logits();
            LabelSmoothedCrossEntropy.Sums sums =
                    loss.sums(precision.lossInput(logits), t.labels());
            lossSum.addi(sums.loss().stopGradient());
            NDArray objective = sums.loss();
            if (precision.lossScale() != 1.0) {
                objective = objective.mul(scale);
            }
            gc.backward(objective.div(divisor));
        } catch (RuntimeException | OutOfMemoryError e) {
            throw translated(e, batch);
        }
    }

    private RuntimeException translated(Throwable e, TokenBatch batch) {
        if (OutOfMemory.is(e)) {
            return OutOfMemory.advice(
                    e, manager.getDevice(), batch, oom.batchTokens(), oom.accumulation());
        }
        if (e instanceof RuntimeException r) {
            return r;
        }
        throw (Error) e;
    }

    /** The one read per step: a device-to-host copy, which waits for the device. */
    private float[] read(NDArray values) {
        hostReads++;
        return values.toFloatArray();
    }

    /**
     * Returns how many times values were read back from the device.
     *
     * @return the count (one per step)
     */
    long hostReads() {
        return hostReads;
    }
}
