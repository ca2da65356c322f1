package org.nmt4j.train.schedule;

import ai.djl.training.tracker.Tracker;
import org.nmt4j.train.config.TrainConfig;

/**
 * The inverse-square-root learning-rate schedule with linear warm-up ("Noam"):
 *
 * <pre>
 * lr(step) = scale * E^-0.5 * min(step^-0.5, step * warmup^-1.5)
 *          = peak * min(step / warmup, sqrt(warmup / step))
 * </pre>
 *
 * where {@code peak = scale * E^-0.5 * warmup^-0.5} is the value at {@code step == warmup}. Steps
 * count optimiser updates from 1; step 0 gives 0.
 */
public final class InverseSqrtSchedule implements Tracker {
    private final double peak;
    private final int warmupSteps;

    private InverseSqrtSchedule(double peak, int warmupSteps) {
        if (!(peak > 0 && Double.isFinite(peak))) {
            throw new IllegalArgumentException("peak learning rate must be > 0, got " + peak);
        }
        if (warmupSteps < 1) {
            throw new IllegalArgumentException("warmup steps must be >= 1, got " + warmupSteps);
        }
        this.peak = peak;
        this.warmupSteps = warmupSteps;
    }

    /**
     * The scaled form: {@code lr = scale * E^-0.5 * min(step^-0.5, step * warmup^-1.5)}.
     *
     * @param scale the scale factor (1.0 in "Attention is all you need")
     * @param modelSize E
     * @param warmupSteps warm-up steps
     * @return the schedule
     */
    public static InverseSqrtSchedule scaled(double scale, int modelSize, int warmupSteps) {
        if (modelSize < 1) {
            throw new IllegalArgumentException("model size must be >= 1, got " + modelSize);
        }
        return new InverseSqrtSchedule(
                scale / Math.sqrt(modelSize) / Math.sqrt(warmupSteps), warmupSteps);
    }

    /**
     * The peak form: the same shape, reaching {@code peakLr} at the end of warm-up.
     *
     * @param peakLr the learning rate at {@code step == warmup}
     * @param warmupSteps warm-up steps
     * @return the schedule
     */
    public static InverseSqrtSchedule peak(double peakLr, int warmupSteps) {
        return new InverseSqrtSchedule(peakLr, warmupSteps);
    }

    /**
     * The schedule a {@code train} section asks for: {@code lr} (peak form) or {@code lr_scale}
     * (scaled form).
     *
     * @param train the training config
     * @param modelSize E, used by the scaled form
     * @return the schedule
     */
    public static InverseSqrtSchedule from(TrainConfig train, int modelSize) {
        return train.lr() != null
                ? peak(train.lr(), train.warmupSteps())
                : scaled(train.lrScale(), modelSize, train.warmupSteps());
    }

    /**
     * Returns the learning rate of an optimiser step.
     *
     * @param step the step, counted from 1 (0 gives 0)
     * @return the learning rate
     */
    public double learningRate(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, got " + step);
        }
        double s = step;
        return peak * Math.min(s / warmupSteps, Math.sqrt(warmupSteps / Math.max(s, 1)));
    }

    /**
     * Returns the learning rate at the end of warm-up, the largest one.
     *
     * @return the peak learning rate
     */
    public double peakLearningRate() {
        return peak;
    }

    /**
     * Returns the number of warm-up steps.
     *
     * @return warm-up steps
     */
    public int warmupSteps() {
        return warmupSteps;
    }

    /** {@inheritDoc} */
    @Override
    public float getNewValue(int numUpdate) {
        return (float) learningRate(numUpdate);
    }
}
