package org.nmt4j.translate;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the model directory that {@code --model DIR [--checkpoint best|last|PATH]} names.
 *
 * <ul>
 *   <li>no checkpoint: DIR itself when it is a model directory (it has {@code model.json}), else
 *       {@code DIR/best} (a training run directory);
 *   <li>{@code best} or {@code last}: {@code DIR/best} or {@code DIR/last} (links a training run
 *       keeps to its checkpoints);
 *   <li>any other value: a path, relative to DIR when {@code DIR/PATH} exists, else as given.
 * </ul>
 */
public final class ModelLocator {
    private static final String MODEL_JSON = "model.json";

    private ModelLocator() {}

    /**
     * Resolves the model directory.
     *
     * @param model the {@code --model} directory
     * @param checkpoint the {@code --checkpoint} value, or null
     * @return the model directory to load
     * @throws IllegalArgumentException with a one-line message when nothing suitable exists
     */
    public static Path resolve(Path model, String checkpoint) {
        if (!Files.isDirectory(model)) {
            throw new IllegalArgumentException(
                    "--model "
                            + model
                            + " is not a directory; give a model or training run directory");
        }
        if (checkpoint == null) {
            if (Files.isRegularFile(model.resolve(MODEL_JSON))) {
                return model;
            }
            if (Files.isDirectory(model.resolve("best"))) {
                return model.resolve("best");
            }
            throw new IllegalArgumentException(
                    "--model "
                            + model
                            + " has no "
                            + MODEL_JSON
                            + " and no best/ checkpoint; give a model directory, or a run"
                            + " directory with --checkpoint best|last|PATH");
        }
        if (checkpoint.equals("best") || checkpoint.equals("last")) {
            Path dir = model.resolve(checkpoint);
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException(
                        "--checkpoint "
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
        throw new IllegalArgumentException(
                "--checkpoint "
                        + checkpoint
                        + " is neither best, last, nor a directory (looked at "
                        + inside
                        + " and "
                        + path
                        + ")");
    }
}
