package org.nmt4j.translate;

import java.io.Serializable;
import org.nmt4j.model.search.DecodeConfig;

/**
 * What a user asks of a translation, before the model is known: the search fields to override in
 * the model's own decode settings (null keeps the model's) and the batch budget. The one options
 * record behind {@code ./nmt translate}, {@code ./nmt evaluate}, the Spark job ({@link SearchFlags}
 * parses it from their command lines) and {@link TrainedModel#translator(TranslationSettings)}; the
 * built-in values come from {@link DecodeConfig#DEFAULT} and {@link
 * TranslatorOptions#DEFAULT_BATCH_TOKENS} and nowhere else. Serializable: the Spark job sends it to
 * its executors.
 *
 * @param beam beam size (1 is greedy search), or null for the model's
 * @param nbest hypotheses per line, at most the beam, or null for the model's (at most the beam)
 * @param lengthPenalty the GNMT length-penalty exponent, or null for the model's
 * @param maxLenA output length limit {@code a*S+b}: a, or null for the model's
 * @param maxLenB output length limit: b, or null for the model's
 * @param batchTokens most source tokens per batch, padding included, times the beam
 */
public record TranslationSettings(
        Integer beam,
        Integer nbest,
        Double lengthPenalty,
        Double maxLenA,
        Integer maxLenB,
        int batchTokens)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The model's own search and the default batch budget. */
    public static final TranslationSettings MODEL_DEFAULTS =
            new TranslationSettings(
                    null, null, null, null, null, TranslatorOptions.DEFAULT_BATCH_TOKENS);

    /**
     * Validates what can be checked without the model, against the built-in settings (a model's own
     * can only be checked with it, by {@link #decodeConfig}); messages name the config key.
     *
     * @throws IllegalArgumentException when a field is out of range
     */
    public TranslationSettings {
        int widest = Math.max(DecodeConfig.DEFAULT_BEAM, nbest == null ? 1 : nbest);
        DecodeConfig builtIn = DecodeConfig.DEFAULT.withBeam(widest, 1);
        resolve(beam, nbest, lengthPenalty, maxLenA, maxLenB, builtIn);
        new TranslatorOptions(batchTokens, false);
    }

    /**
     * Returns the search settings: the model's own, with each field given overriding its own; when
     * no n-best is given, n-best is the model's, at most the beam.
     *
     * @param modelDefaults the model's decode settings ({@link TrainedModel#decodeDefaults()})
     * @return the settings
     * @throws IllegalArgumentException when the result is invalid, naming the config key
     */
    public DecodeConfig decodeConfig(DecodeConfig modelDefaults) {
        return resolve(beam, nbest, lengthPenalty, maxLenA, maxLenB, modelDefaults);
    }

    private static DecodeConfig resolve(
            Integer beam,
            Integer nbest,
            Double lengthPenalty,
            Double maxLenA,
            Integer maxLenB,
            DecodeConfig defaults) {
        int k = beam != null ? beam : defaults.beam();
        int n = nbest != null ? nbest : Math.min(defaults.nbest(), Math.max(1, k));
        return new DecodeConfig(
                k,
                lengthPenalty != null ? lengthPenalty : defaults.lengthPenalty(),
                maxLenA != null ? maxLenA : defaults.maxLenA(),
                maxLenB != null ? maxLenB : defaults.maxLenB(),
                n);
    }

    /**
     * Returns the batching settings.
     *
     * @param attention true to record cross-attention
     * @return the options
     */
    public TranslatorOptions translatorOptions(boolean attention) {
        return new TranslatorOptions(batchTokens, attention);
    }
}
