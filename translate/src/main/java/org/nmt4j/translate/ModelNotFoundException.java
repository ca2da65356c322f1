package org.nmt4j.translate;

import java.io.IOException;

/**
 * A path that names no model: not a directory, a run directory without the checkpoint asked for, or
 * a checkpoint path that does not exist. The message is one line saying what to give instead.
 */
public final class ModelNotFoundException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message one line: what was looked for, where, and what to give instead
     */
    public ModelNotFoundException(String message) {
        super(message);
    }
}
