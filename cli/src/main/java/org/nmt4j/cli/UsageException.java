package org.nmt4j.cli;

/**
 * A usage or configuration error: the message is one line that says what, where and how to fix it,
 * and the process exits with {@link Nmt#EXIT_USAGE}.
 */
public class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message one line: what is wrong, where, and how to fix it
     */
    public UsageException(String message) {
        super(message);
    }
}
