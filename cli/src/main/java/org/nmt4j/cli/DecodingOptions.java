package org.nmt4j.cli;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Path;
import org.nmt4j.model.search.DecodeConfig;
import org.nmt4j.translate.ModelNotFoundException;
import org.nmt4j.translate.TrainedModel;
import org.nmt4j.translate.TranslatorOptions;
import picocli.CommandLine.Option;

/**
 * The options shared by {@code translate} and {@code evaluate}: which model, and how to search. The
 * search options are unset unless given: each one given overrides that field of the model's own
 * decode settings (those of the training run's {@code decode:} section).
 */
final class DecodingOptions {
    @Option(
            names = "--model",
            required = true,
            paramLabel = "DIR",
            description = "A model directory, or a training run directory (see --checkpoint).")
    Path model;

    @Option(
            names = "--checkpoint",
            paramLabel = "best|last|PATH",
            description =
                    "Which checkpoint of a run directory: best, last, or a path (relative to"
                            + " --model or as given). Default: --model itself if it is a model"
                            + " directory, else its best checkpoint.")
    String checkpoint;

    @Option(
            names = "--beam",
            paramLabel = "K",
            description = "Beam size; 1 is greedy search (default: the model's, else 4).")
    Integer beam;

    @Option(
            names = "--nbest",
            paramLabel = "N",
            description =
                    "Hypotheses per sentence, at most the beam size (default: the model's, at most"
                            + " the beam, else 1).")
    Integer nbest;

    @Option(
            names = "--length-penalty",
            paramLabel = "ALPHA",
            description =
                    "GNMT length penalty exponent, 0 for none (default: the model's, else 0.6).")
    Double lengthPenalty;

    @Option(
            names = "--max-len-a",
            paramLabel = "A",
            description =
                    "Output length limit a*S+b, S the source length (default: the model's, else"
                            + " a=1.5).")
    Double maxLenA;

    @Option(
            names = "--max-len-b",
            paramLabel = "B",
            description = "See --max-len-a (default: the model's, else b=10).")
    Integer maxLenB;

    @Option(
            names = "--batch-tokens",
            defaultValue = "4000",
            paramLabel = "N",
            description =
                    "Most source tokens per batch, padding included, times the beam"
                            + " (default: ${DEFAULT-VALUE}).")
    int batchTokens;

    /**
     * Loads the model that {@code --model} and {@code --checkpoint} name.
     *
     * @param device where its parameters go
     * @return the model
     * @throws UsageException when they name no model
     * @throws IOException when the model directory cannot be loaded
     */
    TrainedModel open(Device device) throws IOException {
        try {
            return TrainedModel.open(model, checkpoint, device);
        } catch (ModelNotFoundException e) {
            throw new UsageException(
                    (checkpoint == null ? "--model: " : "--model/--checkpoint: ") + e.getMessage());
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
        int k = beam != null ? beam : defaults.beam();
        int n = nbest != null ? nbest : Math.min(defaults.nbest(), Math.max(1, k));
        try {
            return new DecodeConfig(
                    k,
                    lengthPenalty != null ? lengthPenalty : defaults.lengthPenalty(),
                    maxLenA != null ? maxLenA : defaults.maxLenA(),
                    maxLenB != null ? maxLenB : defaults.maxLenB(),
                    n);
        } catch (IllegalArgumentException e) {
            throw new UsageException(
                    "invalid search options: "
                            + e.getMessage().replace('_', '-')
                            + "; fix --beam, --nbest, --length-penalty, --max-len-a or --max-len-b");
        }
    }

    /**
     * Returns the batching settings.
     *
     * @param attention true to record cross-attention
     * @return the settings
     */
    TranslatorOptions translatorOptions(boolean attention) {
        if (batchTokens < 1) {
            throw new UsageException("--batch-tokens must be >= 1, got " + batchTokens);
        }
        return new TranslatorOptions(batchTokens, attention);
    }
}
