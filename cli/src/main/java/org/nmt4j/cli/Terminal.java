package org.nmt4j.cli;

/**
 * Whether standard error is a terminal, which decides between a progress bar (redrawn with carriage
 * returns) and periodic log lines (for a pipe or a file, where a bar would interleave with the
 * log).
 *
 * <p>Java cannot ask about standard error itself: the {@code ./nmt} launcher passes the answer of
 * {@code [ -t 2 ]} as the system property {@value #PROPERTY}; without it, {@code System.console()}
 * (a terminal on standard input and output) stands in.
 */
final class Terminal {
    /** The system property the launcher sets to {@code true} or {@code false}. */
    static final String PROPERTY = "nmt.stderr.terminal";

    private Terminal() {}

    /**
     * Tells whether standard error is a terminal.
     *
     * @return true when a progress bar can be drawn there
     */
    static boolean stderrIsTerminal() {
        String told = System.getProperty(PROPERTY);
        if (told != null) {
            return Boolean.parseBoolean(told);
        }
        return System.console() != null;
    }
}
