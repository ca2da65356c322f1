package org.nmt4j.train;

import java.nio.file.Path;
import java.util.List;
import org.nmt4j.train.checkpoint.TrainingState;

/**
 * Hears what the {@link TrainingLoop} does; side concerns (progress bar, metrics file, curves,
 * logs) are listeners, so the loop itself does no I/O. Every method has an empty default.
 */
public interface TrainingListener {

    /**
     * Returns a listener that tells each of the given ones, in order.
     *
     * @param listeners the listeners
     * @return the combined listener
     */
    static TrainingListener all(List<TrainingListener> listeners) {
        List<TrainingListener> copy = List.copyOf(listeners);
        return new TrainingListener() {
            @Override
            public void started(TrainingState state, int batchesInEpoch) {
                copy.forEach(l -> l.started(state, batchesInEpoch));
            }

            @Override
            public void epochStarted(int epoch, int batches) {
                copy.forEach(l -> l.epochStarted(epoch, batches));
            }

            @Override
            public void stepped(StepReport report) {
                copy.forEach(l -> l.stepped(report));
            }

            @Override
            public void skipped(long step, String what) {
                copy.forEach(l -> l.skipped(step, what));
            }

            @Override
            public void interval(IntervalReport report) {
                copy.forEach(l -> l.interval(report));
            }

            @Override
            public void validated(TrainingState state, ValidationResult result, boolean improved) {
                copy.forEach(l -> l.validated(state, result, improved));
            }

            @Override
            public void checkpointed(Path dir, TrainingState state, boolean best) {
                copy.forEach(l -> l.checkpointed(dir, state, best));
            }

            @Override
            public void finished(TrainingOutcome outcome) {
                copy.forEach(l -> l.finished(outcome));
            }
        };
    }

    /**
     * The loop starts (or resumes).
     *
     * @param state where it starts
     * @param batchesInEpoch batches in the current epoch's plan
     */
    default void started(TrainingState state, int batchesInEpoch) {}

    /**
     * A new epoch begins.
     *
     * @param epoch the epoch, from 0
     * @param batches batches in its plan
     */
    default void epochStarted(int epoch, int batches) {}

    /**
     * An optimiser step was taken.
     *
     * @param report the step
     */
    default void stepped(StepReport report) {}

    /**
     * A group of batches was skipped because its loss or gradient was not finite.
     *
     * @param step the optimiser steps done so far
     * @param what what was not finite, and where
     */
    default void skipped(long step, String what) {}

    /**
     * {@code train.log_every} steps have passed.
     *
     * @param report their averages
     */
    default void interval(IntervalReport report) {}

    /**
     * A validation finished.
     *
     * @param state the state after it (best metric and patience updated)
     * @param result what it measured
     * @param improved whether dev BLEU is the best so far
     */
    default void validated(TrainingState state, ValidationResult result, boolean improved) {}

    /**
     * A checkpoint was written.
     *
     * @param dir its directory
     * @param state what it holds
     * @param best whether it is the best one
     */
    default void checkpointed(Path dir, TrainingState state, boolean best) {}

    /**
     * The loop ended normally (not by an exception).
     *
     * @param outcome how it ended
     */
    default void finished(TrainingOutcome outcome) {}
}
