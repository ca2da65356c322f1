package org.nmt4j.cli;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.nmt4j.model.search.DecodeConfig;
import org.nmt4j.translate.ModelNotFoundException;
import org.nmt4j.translate.SearchFlags;
import org.nmt4j.translate.TrainedModel;
import org.nmt4j.translate.TranslatorOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options shared by {@code translate} and {@code evaluate}: which model (or models, for an
 * ensemble), how to search ({@link SearchFlags}, shared with the Spark job), where ({@link
 * DeviceOption}) and how progress shows ({@link LineProgressOption}). The search options are unset
 * unless given: each one given overrides that field of the model's own decode settings (those of
 * the training run's {@code decode:} section).
 */
final class DecodingOptions {
    private static final Logger LOG = LoggerFactory.getLogger(DecodingOptions.class);

    @Option(
            names = "--model",
            required = true,
            paramLabel = "DIR",
            description =
                    "A model directory, or a training run directory (see --checkpoint). Give it"
                            + " more than once to translate with an ensemble: each step scores the"
                            + " next token with the mean of the models' probabilities (they must"
                            + " share their tokenizer; the first model's decode settings apply).")
    List<Path> models;

    @Option(
            names = "--checkpoint",
            paramLabel = "best|last|PATH",
            description =
                    "Which checkpoint of a run directory: best, last, or a path (relative to"
                            + " --model or as given). Default: --model itself if it is a model"
                            + " directory, else its best checkpoint.")
    String checkpoint;

    @Mixin SearchFlags search;

    @Mixin DeviceOption device;

    @Mixin LineProgressOption progress;

    /**
     * Loads the model, or the ensemble, that {@code --model} and {@code --checkpoint} name, on the
     * device {@code --device} names (logged with the engine).
     *
     * @return the model
     * @throws UsageException when they name no model, or models that do not share a tokenizer
     * @throws IOException when a model directory cannot be loaded
     */
    TrainedModel open() throws IOException {
        translatorOptions(false); // the options that need no model are checked before loading it
        Device where = device.resolveAndLog();
        try {
            return TrainedModel.ensemble(models, checkpoint, where);
        } catch (ModelNotFoundException e) {
            throw new UsageException(
                    (checkpoint == null ? "--model: " : "--model/--checkpoint: ") + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new UsageException("--model: " + e.getMessage());
        }
    }

    /**
     * Returns the search settings: the model's own, with each option given overriding its field.
     * When only {@code --beam} is given, n-best is kept at most the beam.
     *
     * @param defaults the model's decode settings
     * @return the settings
     * @throws UsageException when the result is invalid
     */
    DecodeConfig decodeConfig(DecodeConfig defaults) {
        DecodeConfig decode;
        try {
            decode = search.decodeConfig(defaults);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        LOG.info("search: {}", TrainedModel.describe(decode));
        return decode;
    }

    /**
     * Starts the progress of a task.
     *
     * @param task what is done, e.g. {@code translate}
     * @param total the number of lines, or -1 when unknown
     * @return the progress; close it
     */
    Progress progress(String task, long total) {
        return progress.lines(task, total);
    }

    /**
     * Returns the batching settings.
     *
     * @param attention true to record cross-attention
     * @return the settings
     * @throws UsageException when an option is invalid
     */
    TranslatorOptions translatorOptions(boolean attention) {
        try {
            return search.settings().translatorOptions(attention);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
