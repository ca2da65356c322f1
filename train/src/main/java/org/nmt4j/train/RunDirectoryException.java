package org.nmt4j.train;

/**
 * A run directory cannot be used as asked: a new run would overwrite an existing one, or a
 * directory to resume holds no run. A usage error (the command line exits with code 2).
 */
public final class RunDirectoryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong and how to fix it
     */
    public RunDirectoryException(String message) {
        super(message);
    }
}
