package org.nmt4j.translate;

import org.nmt4j.model.search.DecodeConfig;
import picocli.CommandLine.Option;

/**
 * The command-line options of a translation, declared once for {@code ./nmt translate}, {@code
 * ./nmt evaluate} and the Spark job (a picocli mixin): the search fields that override the model's
 * own decode settings, and the batch budget. Each search option is unset unless given; the help
 * texts quote the built-in values from {@link DecodeConfig} and {@link TranslatorOptions}.
 */
public final class SearchFlags {
    @Option(
            names = "--beam",
            paramLabel = "K",
            description =
                    "Beam size; 1 is greedy search (default: the model's, else "
                            + DecodeConfig.DEFAULT_BEAM
                            + ").")
    Integer beam;

    @Option(
            names = "--nbest",
            paramLabel = "N",
            description =
                    "Hypotheses per line, tab-separated in translations, at most the beam size"
                            + " (default: the model's, at most the beam, else "
                            + DecodeConfig.DEFAULT_NBEST
                            + ").")
    Integer nbest;

    @Option(
            names = "--length-penalty",
            paramLabel = "ALPHA",
            description =
                    "GNMT length penalty exponent, 0 for none (default: the model's, else "
                            + DecodeConfig.DEFAULT_LENGTH_PENALTY
                            + ").")
    Double lengthPenalty;

    @Option(
            names = "--max-len-a",
            paramLabel = "A",
            description =
                    "Output length limit a*S+b, S the source length (default: the model's, else"
                            + " a="
                            + DecodeConfig.DEFAULT_MAX_LEN_A
                            + ").")
    Double maxLenA;

    @Option(
            names = "--max-len-b",
            paramLabel = "B",
            description =
                    "See --max-len-a (default: the model's, else b="
                            + DecodeConfig.DEFAULT_MAX_LEN_B
                            + ").")
    Integer maxLenB;

    @Option(
            names = "--batch-tokens",
            paramLabel = "N",
            description =
                    "Most source tokens per batch, padding included, times the beam (default: "
                            + TranslatorOptions.DEFAULT_BATCH_TOKENS
                            + ").")
    int batchTokens = TranslatorOptions.DEFAULT_BATCH_TOKENS;

    /**
     * Returns the options given, checked as far as they can be without the model.
     *
     * @return the settings
     * @throws IllegalArgumentException with a one-line message naming the options to fix
     */
    public TranslationSettings settings() {
        try {
            return new TranslationSettings(
                    beam, nbest, lengthPenalty, maxLenA, maxLenB, batchTokens);
        } catch (IllegalArgumentException e) {
            throw invalid(e);
        }
    }

    /**
     * Returns the search settings for a model: its own, with the options given overriding theirs.
     *
     * @param modelDefaults the model's decode settings
     * @return the settings
     * @throws IllegalArgumentException with a one-line message naming the options to fix
     */
    public DecodeConfig decodeConfig(DecodeConfig modelDefaults) {
        try {
            return settings().decodeConfig(modelDefaults);
        } catch (IllegalArgumentException e) {
            throw invalid(e);
        }
    }

    private static IllegalArgumentException invalid(IllegalArgumentException e) {
        String message = e.getMessage();
        if (message.startsWith("invalid search options: ")) {
            return e;
        }
        return new IllegalArgumentException(
                "invalid search options: "
                        + message.replace('_', '-')
                        + "; fix --beam, --nbest, --length-penalty, --max-len-a, --max-len-b or"
                        + " --batch-tokens",
                e);
    }
}
