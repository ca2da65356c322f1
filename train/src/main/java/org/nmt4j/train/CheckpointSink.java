package org.nmt4j.train;

import java.io.IOException;
import java.nio.file.Path;
import org.nmt4j.train.checkpoint.TrainingState;

/** Where the loop's checkpoints go (e.g. a {@link org.nmt4j.train.checkpoint.Checkpointer}). */
@FunctionalInterface
public interface CheckpointSink {

    /**
     * Writes a checkpoint of the model and optimiser as they are now.
     *
     * @param state the run's position and bookkeeping
     * @param best whether it becomes the best checkpoint
     * @return the checkpoint's directory
     * @throws IOException when it cannot be written
     */
    Path save(TrainingState state, boolean best) throws IOException;
}
