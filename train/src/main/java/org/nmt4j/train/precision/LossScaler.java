package org.nmt4j.train.precision;

import java.util.Locale;

/**
 * Dynamic loss scaling for fp16 training, as fairseq's {@code DynamicLossScaler}: the loss is
 * multiplied by {@link #scale()} before back-propagation so that small gradients survive in
 * float16; a step whose gradients overflow (NaN or infinity) is skipped and the scale halved; after
 * {@code window} steps in a row without overflow the scale doubles. The scale starts at 2^7
 * (fairseq's {@code --fp16-init-scale}); the window is 2^14 / {@code train.accumulation} (fairseq's
 * default {@code --fp16-scale-window}); below 1e-4 ({@code --min-loss-scale}) the run stops. Scales
 * are powers of two, so scaling and unscaling are exact. Not thread-safe.
 */
public final class LossScaler {
    /** The first scale, 2^7. */
    public static final double INITIAL_SCALE = 128;

    /** The scale below which training stops. */
    public static final double MINIMUM_SCALE = 1e-4;

    /** Steps without overflow before the scale doubles, for an accumulation of 1. */
    public static final int WINDOW = 1 << 14;

    private final int window;
    private final double minimum;
    private double scale;
    private long cleanSteps;

    /**
     * What a checkpoint saves ({@code loss_scaler.json}).
     *
     * @param scale the current scale
     * @param cleanSteps steps without overflow since the scale last changed
     */
    public record State(double scale, long cleanSteps) {
        /** Validates. */
        public State {
            if (!(scale > 0 && Double.isFinite(scale)) || cleanSteps < 0) {
                throw new IllegalArgumentException(
                        "scale must be finite and > 0 and clean_steps >= 0, got "
                                + scale
                                + " and "
                                + cleanSteps);
            }
        }
    }

    /**
     * Creates a scaler.
     *
     * @param initial the first scale (> 0)
     * @param window steps without overflow before the scale doubles (>= 1)
     * @param minimum the smallest allowed scale (> 0)
     */
    public LossScaler(double initial, int window, double minimum) {
        if (!(initial > 0) || window < 1 || !(minimum > 0)) {
            throw new IllegalArgumentException(
                    "initial and minimum must be > 0 and window >= 1, got "
                            + initial
                            + ", "
                            + minimum
                            + " and "
                            + window);
        }
        this.window = window;
        this.minimum = minimum;
        this.scale = initial;
    }

    /**
     * Creates fairseq's default scaler for a gradient accumulation.
     *
     * @param accumulation {@code train.accumulation}
     * @return a scaler at 2^7 with a window of 2^14 / accumulation
     */
    public static LossScaler forAccumulation(int accumulation) {
        return new LossScaler(INITIAL_SCALE, Math.max(1, WINDOW / accumulation), MINIMUM_SCALE);
    }

    /**
     * Returns the factor the loss is multiplied by.
     *
     * @return the scale
     */
    public double scale() {
        return scale;
    }

    /**
     * Returns the number of steps without overflow before the scale doubles.
     *
     * @return the window
     */
    public int window() {
        return window;
    }

    /** Records a step whose gradients were finite; doubles the scale after a full window. */
    public void clean() {
        cleanSteps++;
        if (cleanSteps >= window) {
            scale *= 2;
            cleanSteps = 0;
        }
    }

    /**
     * Records a step whose gradients overflowed: halves the scale.
     *
     * @throws ArithmeticException when the scale would fall below the minimum (the run stops)
     */
    public void overflow() {
        cleanSteps = 0;
        double next = scale / 2;
        if (next < minimum) {
            throw new ArithmeticException(
                    String.format(
                            Locale.ROOT,
                            "the fp16 loss scale would fall below %s: the gradients overflow at"
                                    + " every scale and the run stops. Lower train.lr (or raise"
                                    + " train.warmup_steps), or train in fp32 (--set"
                                    + " train.precision=fp32)",
                            minimum));
        }
        scale = next;
    }

    /**
     * Returns the state to save.
     *
     * @return the scale and the steps without overflow
     */
    public State state() {
        return new State(scale, cleanSteps);
    }

    /**
     * Restores a saved state.
     *
     * @param state from {@link #state()}
     */
    public void restore(State state) {
        scale = state.scale();
        cleanSteps = state.cleanSteps();
    }
}
