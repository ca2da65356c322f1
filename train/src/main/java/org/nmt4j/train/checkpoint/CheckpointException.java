package org.nmt4j.train.checkpoint;

import java.io.IOException;

/** A checkpoint is missing, incomplete or corrupted; the message names the file. */
public final class CheckpointException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong, naming the file
     */
    public CheckpointException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what is wrong, naming the file
     * @param cause the underlying error
     */
    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
