package org.nmt4j.train;

import org.nmt4j.train.checkpoint.TrainingState;

/**
 * How a run ended.
 *
 * @param reason why it stopped
 * @param state where it stopped (the state of the last checkpoint)
 * @param last the last validation, or null when none ran in this process
 * @param skippedBatches batches skipped for a non-finite loss in this process
 */
public record TrainingOutcome(
        StopReason reason, TrainingState state, ValidationResult last, long skippedBatches) {}
