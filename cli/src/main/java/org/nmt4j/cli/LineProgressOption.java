package org.nmt4j.cli;

import picocli.CommandLine.Option;

/**
 * {@code --no-progress} of the verbs that translate lines ({@code translate}, {@code evaluate}): a
 * bar on a terminal, else (or with the option) a log line every {@value Progress#LOG_EVERY_SECONDS}
 * s.
 */
final class LineProgressOption {
    @Option(
            names = "--no-progress",
            description =
                    "No progress bar; log a progress line every "
                            + Progress.LOG_EVERY_SECONDS
                            + " s instead (the default when standard error is not a terminal).")
    boolean noProgress;

    /**
     * Starts the progress of a task.
     *
     * @param task what is done, e.g. {@code translate}
     * @param total the number of lines, or -1 when unknown
     * @return the progress; close it
     */
    Progress lines(String task, long total) {
        return Progress.lines(task, total, !noProgress);
    }
}
