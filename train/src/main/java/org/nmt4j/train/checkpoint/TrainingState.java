package org.nmt4j.train.checkpoint;

/**
 * Where a run stands, saved in each checkpoint as {@code state.json} so that a resumed run
 * continues exactly. Random streams are not saved as opaque generator state: the loop derives them
 * from {@code seed} and the position ({@code epoch}, {@code step}), so the position is all that is
 * needed to reproduce them.
 *
 * @param step optimiser steps done
 * @param epoch the current epoch, counted from 0
 * @param batchInEpoch batches of the current epoch already consumed (the resume point)
 * @param seed the run's seed
 * @param bestMetric the best dev BLEU so far; {@code null} before the first validation
 * @param bestStep the step at which {@code bestMetric} was reached (0 when none)
 * @param validationsWithoutImprovement validations since the best one (for early stopping)
 * @param trainingSeconds training wall time so far, excluding validation
 * @param targetTokens non-pad target tokens trained on so far
 */
public record TrainingState(
        long step,
        int epoch,
        long batchInEpoch,
        long seed,
        Double bestMetric,
        long bestStep,
        int validationsWithoutImprovement,
        double trainingSeconds,
        long targetTokens) {

    /** Validates that counters are non-negative and the metric finite. */
    public TrainingState {
        if (step < 0 || epoch < 0 || batchInEpoch < 0 || bestStep < 0 || targetTokens < 0) {
            throw new IllegalArgumentException(
                    "step, epoch, batch_in_epoch, best_step and target_tokens must be >= 0");
        }
        if (validationsWithoutImprovement < 0 || !(trainingSeconds >= 0)) {
            throw new IllegalArgumentException(
                    "validations_without_improvement and training_seconds must be >= 0");
        }
        if (bestMetric != null && !Double.isFinite(bestMetric)) {
            throw new IllegalArgumentException("best_metric must be finite, got " + bestMetric);
        }
    }

    /**
     * The state of a run that has not started.
     *
     * @param seed the run's seed
     * @return step 0, epoch 0, no best metric
     */
    public static TrainingState start(long seed) {
        return new TrainingState(0, 0, 0, seed, null, 0, 0, 0.0, 0);
    }
}
