package org.nmt4j.model.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A model directory that cannot be loaded: a missing file, a file whose SHA-256 differs from the
 * manifest, parameters of another architecture, or an unknown format version. The message is one
 * line naming the directory and the file.
 */
public class ModelArtifactException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param directory the model directory
     * @param file the file at fault, relative to the directory (or null for the directory)
     * @param problem what is wrong and how to fix it
     */
    public ModelArtifactException(Path directory, String file, String problem) {
        super(message(directory, file, problem));
    }

    /**
     * Creates the exception with a cause.
     *
     * @param directory the model directory
     * @param file the file at fault, relative to the directory (or null for the directory)
     * @param problem what is wrong and how to fix it
     * @param cause the underlying failure
     */
    public ModelArtifactException(Path directory, String file, String problem, Throwable cause) {
        super(message(directory, file, problem), cause);
    }

    private static String message(Path directory, String file, String problem) {
        String where = file == null ? directory.toString() : directory.resolve(file).toString();
        return "model " + where + ": " + problem.replace('\n', ' ');
    }
}
