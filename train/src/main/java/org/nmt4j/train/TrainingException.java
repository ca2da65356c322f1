package org.nmt4j.train;

/**
 * Training cannot go on: too many non-finite losses in a row, out of memory, or a failed
 * checkpoint. The message is one line saying what happened and what to change.
 */
public final class TrainingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened and what to change
     */
    public TrainingException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what happened and what to change
     * @param cause the underlying error
     */
    public TrainingException(String message, Throwable cause) {
        super(message, cause);
    }
}
