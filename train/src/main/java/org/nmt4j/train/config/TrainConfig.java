package org.nmt4j.train.config;

import java.util.Locale;
import org.nmt4j.train.precision.Precision;

/**
 * How a model is trained: optimiser, schedule, loss, limits, checkpoints and validation. This is
 * the {@code train} section of an experiment's YAML file (keys in snake_case); every key must be
 * given except one of {@code lr} and {@code lr_scale}, which are exclusive. The batch size is
 * {@code data.batch_tokens} (the data module builds the batches). Validated on construction.
 *
 * @param accumulation how many batches' gradients are summed before one optimiser step
 * @param lr the peak learning rate, reached at the end of warm-up; {@code null} when {@code
 *     lrScale} is given
 * @param lrScale the scale of the inverse-square-root schedule, {@code lr = scale * E^-0.5 *
 *     min(step^-0.5, step * warmup^-1.5)}; {@code null} when {@code lr} is given
 * @param warmupSteps optimiser steps of linear warm-up
 * @param adamBeta1 Adam's first-moment decay
 * @param adamBeta2 Adam's second-moment decay
 * @param adamEps Adam's epsilon
 * @param weightDecay decoupled (AdamW) weight decay; 0 for plain Adam
 * @param labelSmoothing the label-smoothing epsilon, in [0, 1)
 * @param clipNorm the largest global gradient norm; 0 turns clipping off
 * @param maxSteps stop after this many optimiser steps; 0 for no limit
 * @param maxEpochs stop after this many passes over the training data; 0 for no limit
 * @param maxMinutes stop after this much training wall time; 0 for no limit
 * @param checkpointEvery write a checkpoint every this many optimiser steps
 * @param keepLast keep this many most recent checkpoints (the best one is kept as well)
 * @param validateEvery validate on the dev set every this many optimiser steps
 * @param patience stop after this many validations without a better dev BLEU; 0 never stops early
 * @param logEvery log training loss and speed every this many optimiser steps
 * @param maxNonFiniteLosses stop the run after this many consecutive batches whose loss is NaN or
 *     infinite (each one is skipped with a warning)
 * @param precision {@code fp32} (the default when the key is absent) or {@code fp16} (mixed
 *     precision with float32 master weights and dynamic loss scaling, for GPUs); {@code bf16} is
 *     refused
 */
public record TrainConfig(
        int accumulation,
        Double lr,
        Double lrScale,
        int warmupSteps,
        double adamBeta1,
        double adamBeta2,
        double adamEps,
        double weightDecay,
        double labelSmoothing,
        double clipNorm,
        int maxSteps,
        int maxEpochs,
        double maxMinutes,
        int checkpointEvery,
        int keepLast,
        int validateEvery,
        int patience,
        int logEvery,
        int maxNonFiniteLosses,
        Precision precision) {

    /** Validates every field; messages name the field (snake_case) and the accepted range. */
    public TrainConfig {
        atLeast("accumulation", accumulation, 1);
        learningRate(lr, lrScale);
        atLeast("warmup_steps", warmupSteps, 1);
        range("adam_beta1", adamBeta1, 0, 1);
        range("adam_beta2", adamBeta2, 0, 1);
        positive("adam_eps", adamEps);
        nonNegative("weight_decay", weightDecay);
        range("label_smoothing", labelSmoothing, 0, 1);
        nonNegative("clip_norm", clipNorm);
        atLeast("max_steps", maxSteps, 0);
        atLeast("max_epochs", maxEpochs, 0);
        nonNegative("max_minutes", maxMinutes);
        if (maxSteps == 0 && maxEpochs == 0 && maxMinutes == 0) {
            throw new IllegalArgumentException(
                    "max_steps, max_epochs and max_minutes are all 0: give at least one limit");
        }
        atLeast("checkpoint_every", checkpointEvery, 1);
        atLeast("keep_last", keepLast, 1);
        atLeast("validate_every", validateEvery, 1);
        atLeast("patience", patience, 0);
        atLeast("log_every", logEvery, 1);
        atLeast("max_non_finite_losses", maxNonFiniteLosses, 1);
        precision = precision == null ? Precision.FP32 : precision.check();
    }

    private static void learningRate(Double lr, Double lrScale) {
        if ((lr == null) == (lrScale == null)) {
            throw new IllegalArgumentException(
                    "lr and lr_scale: give exactly one of them, got lr="
                            + lr
                            + " and lr_scale="
                            + lrScale);
        }
        if (lr != null) {
            positive("lr", lr);
        } else {
            positive("lr_scale", lrScale);
        }
    }

    private static void atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(
                    String.format(Locale.ROOT, "%s must be >= %d, got %d", name, min, value));
        }
    }

    private static void positive(String name, double value) {
        if (!(value > 0 && Double.isFinite(value))) {
            throw new IllegalArgumentException(name + " must be a finite number > 0, got " + value);
        }
    }

    private static void nonNegative(String name, double value) {
        if (!(value >= 0 && Double.isFinite(value))) {
            throw new IllegalArgumentException(
                    name + " must be a finite number >= 0, got " + value);
        }
    }

    /** Requires {@code min <= value < max}. */
    private static void range(String name, double value, double min, double max) {
        if (!(value >= min && value < max)) {
            throw new IllegalArgumentException(
                    String.format(
                            Locale.ROOT, "%s must be in [%s, %s), got %s", name, min, max, value));
        }
    }
}
