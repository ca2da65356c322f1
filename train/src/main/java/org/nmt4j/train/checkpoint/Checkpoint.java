package org.nmt4j.train.checkpoint;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.util.Pair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nmt4j.model.io.LoadedModel;
import org.nmt4j.model.io.ModelArtifacts;
import org.nmt4j.train.optim.AdamW;
import org.nmt4j.train.precision.LossScaler;

/**
 * A checkpoint directory whose manifest matched every file when it was opened (see {@link
 * Checkpointer#open}).
 *
 * @param dir the directory (symbolic links such as {@code last} resolved)
 * @param state the run's position and bookkeeping, from {@code state.json}
 */
public record Checkpoint(Path dir, TrainingState state) {

    /**
     * Loads the model (architecture, special ids, parameters, tokenizer files) for further
     * training: trainable parameters collect gradients again.
     *
     * @param manager the manager that will own the parameters
     * @param device where the parameters go, or null for the manager's device
     * @return the model and its tokenizer files
     * @throws CheckpointException when the model files cannot be used
     */
    public LoadedModel loadModel(NDManager manager, Device device) throws CheckpointException {
        LoadedModel loaded;
        try {
            loaded = ModelArtifacts.load(dir, manager, device);
        } catch (IOException e) {
            throw new CheckpointException(e.getMessage(), e);
        }
        for (Pair<String, Parameter> p : loaded.model().getParameters()) {
            if (p.getValue().requiresGradient()) {
                p.getValue().getArray().setRequiresGradient(true);
            }
        }
        return loaded;
    }

    /**
     * Loads the optimiser state.
     *
     * @param optimizer the optimiser
     * @param params the parameters of the model returned by {@link #loadModel}
     * @throws CheckpointException when the state does not match the parameters
     */
    public void loadOptimizer(AdamW optimizer, ParameterList params) throws CheckpointException {
        Path file = dir.resolve(Checkpointer.OPTIMIZER);
        try {
            optimizer.load(file, params);
        } catch (IOException e) {
            throw new CheckpointException(
                    "cannot load optimizer state " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Restores the fp16 loss scaler when the checkpoint has one (a checkpoint of an fp32 run has
     * none, and the scaler keeps its initial state).
     *
     * @param scaler the scaler to restore
     * @return whether the checkpoint held a scaler state
     * @throws CheckpointException when the file is corrupted
     */
    public boolean loadScaler(LossScaler scaler) throws CheckpointException {
        Path file = dir.resolve(Checkpointer.SCALER);
        if (!Files.exists(file)) {
            return false;
        }
        try {
            scaler.restore(CheckpointJson.MAPPER.readValue(file.toFile(), LossScaler.State.class));
            return true;
        } catch (IOException | IllegalArgumentException e) {
            String first = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            throw new CheckpointException("corrupted checkpoint file " + file + ": " + first, e);
        }
    }
}
