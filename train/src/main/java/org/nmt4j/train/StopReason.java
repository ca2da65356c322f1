package org.nmt4j.train;

/** Why a training run ended. */
public enum StopReason {
    /** {@code train.max_steps} optimiser steps were taken. */
    MAX_STEPS,
    /** {@code train.max_epochs} passes over the data were made. */
    MAX_EPOCHS,
    /** {@code train.max_minutes} of training time were spent. */
    MAX_MINUTES,
    /** {@code train.patience} validations in a row did not improve dev BLEU. */
    EARLY_STOPPING,
    /** A stop was requested (Ctrl-C). */
    INTERRUPTED
}
