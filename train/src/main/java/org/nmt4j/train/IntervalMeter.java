package org.nmt4j.train;

/** Sums of the steps since the last {@link IntervalReport}, for {@link TrainingLoop}. */
final class IntervalMeter {
    double lossSum;
    long targetTokens;
    long tokens;
    double seconds;
    int steps;
    int skipped;
    StepReport last;

    void add(StepReport r) {
        lossSum += r.loss() * r.targetTokens();
        targetTokens += r.targetTokens();
        tokens += r.tokens();
        seconds += r.seconds();
        steps++;
        last = r;
    }

    void flush(LoopPosition at, TrainingListener listener) {
        if (steps == 0) {
            return;
        }
        listener.interval(
                new IntervalReport(
                        last.step(),
                        last.epoch(),
                        last.epochProgress(),
                        lossSum / targetTokens,
                        last.learningRate(),
                        seconds > 0 ? tokens / seconds : 0,
                        steps,
                        skipped,
                        at.trainingSeconds));
        lossSum = 0;
        targetTokens = 0;
        tokens = 0;
        seconds = 0;
        steps = 0;
        skipped = 0;
    }
}
