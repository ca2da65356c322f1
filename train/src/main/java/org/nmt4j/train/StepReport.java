package org.nmt4j.train;

/**
 * One optimiser step, as the loop reports it to its listeners.
 *
 * @param step the optimiser step just taken, counted from 1
 * @param epoch the epoch of its batches, from 0
 * @param batchInEpoch batches of that epoch consumed after this step
 * @param batchesInEpoch batches in that epoch's plan
 * @param loss label-smoothed loss per target token of this step
 * @param learningRate the learning rate used
 * @param gradientNorm the global gradient norm before clipping
 * @param tokens real (non-pad) source plus target tokens of this step's batches
 * @param targetTokens real target tokens of this step's batches
 * @param seconds wall time of this step
 * @param trainingSeconds training wall time of the run so far (validation excluded)
 */
public record StepReport(
        long step,
        int epoch,
        long batchInEpoch,
        int batchesInEpoch,
        double loss,
        double learningRate,
        double gradientNorm,
        long tokens,
        long targetTokens,
        double seconds,
        double trainingSeconds) {

    /**
     * Returns how far through its epoch this step is.
     *
     * @return consumed batches / batches in the epoch, in [0, 1]
     */
    public double epochProgress() {
        return batchesInEpoch == 0 ? 1 : (double) batchInEpoch / batchesInEpoch;
    }
}
