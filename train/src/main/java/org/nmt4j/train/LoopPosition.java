package org.nmt4j.train;

import org.nmt4j.train.checkpoint.TrainingState;

/** Where the {@link TrainingLoop} is: the mutable counterpart of {@link TrainingState}. */
final class LoopPosition {
    final long seed;
    long step;
    int epoch;
    long batchInEpoch;
    Double bestMetric;
    long bestStep;
    int withoutImprovement;
    double trainingSeconds;
    long targetTokens;

    LoopPosition(TrainingState s) {
        seed = s.seed();
        step = s.step();
        epoch = s.epoch();
        batchInEpoch = s.batchInEpoch();
        bestMetric = s.bestMetric();
        bestStep = s.bestStep();
        withoutImprovement = s.validationsWithoutImprovement();
        trainingSeconds = s.trainingSeconds();
        targetTokens = s.targetTokens();
    }

    /** Moves past {@code count} batches; the end of an epoch moves to the next one. */
    void advance(int count, int batchesInEpoch) {
        batchInEpoch += count;
        if (batchInEpoch >= batchesInEpoch) {
            epoch++;
            batchInEpoch = 0;
        }
    }

    TrainingState snapshot() {
        return new TrainingState(
                step,
                epoch,
                batchInEpoch,
                seed,
                bestMetric,
                bestStep,
                withoutImprovement,
                trainingSeconds,
                targetTokens);
    }
}
