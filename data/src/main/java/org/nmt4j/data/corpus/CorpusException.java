package org.nmt4j.data.corpus;

/**
 * A corpus that cannot be used: a missing file, a file that is mostly malformed, aligned files
 * whose line counts differ. The message is one line: what, where, how to fix.
 */
public class CorpusException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean configError;

    /**
     * Creates the exception.
     *
     * @param message one line: what is wrong, where, how to fix it
     * @param configError true when the configuration points at the wrong thing (a missing file, a
     *     wrong format), so a command should exit with its usage/config code
     */
    public CorpusException(String message, boolean configError) {
        super(message);
        this.configError = configError;
    }

    /**
     * Tells whether the configuration is at fault (as opposed to the data itself).
     *
     * @return true for configuration errors
     */
    public boolean configError() {
        return configError;
    }
}
