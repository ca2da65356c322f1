package org.nmt4j.model.io;

import java.nio.file.Path;

/**
 * Where a training run directory keeps the model directories that translation loads: {@code
 * RUN_DIR/best} and {@code RUN_DIR/last}, links to complete checkpoints (each a model directory of
 * {@link ModelArtifacts}). The training code writes the links through these names and the
 * translation code finds them through them, so the two cannot drift apart.
 */
public final class RunLayout {
    /** The link to the checkpoint with the best dev score. */
    public static final String BEST = "best";

    /** The link to the most recent checkpoint. */
    public static final String LAST = "last";

    /** The folder holding one sub-directory per checkpoint. */
    public static final String CHECKPOINTS = "checkpoints";

    private RunLayout() {}

    /**
     * Returns a run's best checkpoint.
     *
     * @param runDir the run directory
     * @return {@code RUN_DIR/best} (it may not exist yet)
     */
    public static Path best(Path runDir) {
        return runDir.resolve(BEST);
    }

    /**
     * Returns a run's most recent checkpoint.
     *
     * @param runDir the run directory
     * @return {@code RUN_DIR/last} (it may not exist yet)
     */
    public static Path last(Path runDir) {
        return runDir.resolve(LAST);
    }

    /**
     * Tells whether a directory is a model directory (it has {@code model.json}), as opposed to a
     * run directory.
     *
     * @param dir the directory
     * @return true when it holds {@code model.json}
     */
    public static boolean isModelDirectory(Path dir) {
        return java.nio.file.Files.isRegularFile(dir.resolve(ModelArtifacts.MODEL_JSON));
    }
}
