package org.nmt4j.translate;

import java.nio.file.Files;
import java.nio.file.Path;
import org.nmt4j.model.io.RunLayout;

/**
 * Finds the model directory that a path and an optional checkpoint name, e.g. {@code --model DIR
 * [--checkpoint best|last|PATH]}, point at. A training run keeps its checkpoints as {@link
 * RunLayout} says, so a run directory is found through the same names the training code writes.
 *
 * <ul>
 *   <li>no checkpoint: DIR itself when it is a model directory (it has {@code model.json}), else
 *       the run's best checkpoint {@code DIR/best};
 *   <li>{@code best} or {@code last}: the run's {@code DIR/best} or {@code DIR/last};
 *   <li>any other value: a path, relative to DIR when {@code DIR/PATH} exists, else as given.
 * </ul>
 */
public final class ModelLocator {
    private ModelLocator() {}

    /**
     * Resolves the model directory.
     *
     * @param model a model directory or a training run directory
     * @param checkpoint {@code best}, {@code last}, a checkpoint path, or null
     * @return the model directory to load
     * @throws ModelNotFoundException with a one-line message when nothing suitable exists
     */
    public static Path resolve(Path model, String checkpoint) throws ModelNotFoundException {
        if (!Files.isDirectory(model)) {
            throw new ModelNotFoundException(
                    model
                            + " is not a directory; give a model directory or a training run directory");
        }
        if (checkpoint == null) {
            if (RunLayout.isModelDirectory(model)) {
                return model;
            }
            if (Files.isDirectory(RunLayout.best(model))) {
                return RunLayout.best(model);
            }
            throw new ModelNotFoundException(
                    model
                            + " has no model.json and no "
                            + RunLayout.BEST
                            + "/ checkpoint; give a model directory, or a run directory and the"
                            + " checkpoint (best, last or a path)");
        }
        if (checkpoint.equals(RunLayout.BEST) || checkpoint.equals(RunLayout.LAST)) {
            Path dir = model.resolve(checkpoint);
            if (!Files.isDirectory(dir)) {
                throw new ModelNotFoundException(
                        "checkpoint "
                                + checkpoint
                                + ": "
                                + dir
                                + " does not exist; has the run written a checkpoint yet?");
            }
            return dir;
        }
        Path path = Path.of(checkpoint);
        Path inside = model.resolve(path);
        if (!path.isAbsolute() && Files.isDirectory(inside)) {
            return inside;
        }
        if (Files.isDirectory(path)) {
            return path;
        }
        throw new ModelNotFoundException(
                "checkpoint "
                        + checkpoint
                        + " is neither best, last, nor a directory (looked at "
                        + inside
                        + " and "
                        + path
                        + ")");
    }
}
