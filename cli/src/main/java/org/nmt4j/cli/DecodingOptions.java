package org.nmt4j.cli;

import java.nio.file.Path;
import org.nmt4j.model.search.DecodeConfig;
import org.nmt4j.translate.ModelLocator;
import org.nmt4j.translate.TranslatorOptions;
import picocli.CommandLine.Option;

/** The options shared by {@code translate} and {@code evaluate}: which model, and how to search. */
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
            defaultValue = "4",
            paramLabel = "K",
            description = "Beam size; 1 is greedy search (default: ${DEFAULT-VALUE}).")
    int beam;

    @Option(
            names = "--nbest",
            defaultValue = "1",
            paramLabel = "N",
            description =
                    "Hypotheses per sentence, at most the beam size (default: ${DEFAULT-VALUE}).")
    int nbest;

    @Option(
            names = "--length-penalty",
            defaultValue = "0.6",
            paramLabel = "ALPHA",
            description = "GNMT length penalty exponent, 0 for none (default: ${DEFAULT-VALUE}).")
    double lengthPenalty;

    @Option(
            names = "--max-len-a",
            defaultValue = "1.5",
            paramLabel = "A",
            description =
                    "Output length limit a*S+b, S the source length (default a: ${DEFAULT-VALUE}).")
    double maxLenA;

    @Option(
            names = "--max-len-b",
            defaultValue = "10",
            paramLabel = "B",
            description = "See --max-len-a (default b: ${DEFAULT-VALUE}).")
    int maxLenB;

    @Option(
            names = "--batch-tokens",
            defaultValue = "4000",
            paramLabel = "N",
            description =
                    "Most source tokens per batch, padding included, times the beam"
                            + " (default: ${DEFAULT-VALUE}).")
    int batchTokens;

    /** The model directory to load. */
    Path modelDirectory() {
        try {
            return ModelLocator.resolve(model, checkpoint);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** The search settings. */
    DecodeConfig decodeConfig() {
        try {
            return new DecodeConfig(beam, lengthPenalty, maxLenA, maxLenB, nbest);
        } catch (IllegalArgumentException e) {
            throw new UsageException(
                    "invalid search options: "
                            + e.getMessage().replace('_', '-')
                            + "; fix --beam, --nbest, --length-penalty, --max-len-a or --max-len-b");
        }
    }

    /** The batching settings. */
    TranslatorOptions translatorOptions(boolean attention) {
        if (batchTokens < 1) {
            throw new UsageException("--batch-tokens must be >= 1, got " + batchTokens);
        }
        return new TranslatorOptions(batchTokens, attention);
    }
}
