package org.nmt4j.train;

/**
 * The training figures of the last {@code train.log_every} steps (or fewer, at the end), averaged.
 *
 * @param step the last step of the interval
 * @param epoch its epoch
 * @param epochProgress how far through that epoch, in [0, 1]
 * @param loss label-smoothed loss per target token over the interval
 * @param learningRate the learning rate of the last step
 * @param tokensPerSecond real source plus target tokens per second of training time
 * @param steps optimiser steps in the interval
 * @param skipped batches skipped in the interval because of a non-finite loss
 * @param trainingSeconds training wall time of the run so far (validation excluded)
 */
public record IntervalReport(
        long step,
        int epoch,
        double epochProgress,
        double loss,
        double learningRate,
        double tokensPerSecond,
        int steps,
        int skipped,
        double trainingSeconds) {}
