package org.nmt4j.cli;

import picocli.CommandLine.Option;

/**
 * {@code --no-progress} of the verbs that train ({@code train}, {@code demo}): a bar on a terminal,
 * else (or with the option) a log line every {@code train.log_every} steps.
 */
final class TrainingProgressOption {
    @Option(
            names = "--no-progress",
            description =
                    "No progress bar; log a line every train.log_every steps instead (the default"
                            + " when standard error is not a terminal).")
    boolean noProgress;

    /**
     * Tells whether a progress bar may be drawn.
     *
     * @return false when {@code --no-progress} was given
     */
    boolean barAllowed() {
        return !noProgress;
    }
}
