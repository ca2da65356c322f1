package org.nmt4j.spark;

import java.io.Serializable;
import org.nmt4j.model.Devices;
import org.nmt4j.model.search.DecodeConfig;
import org.nmt4j.translate.TranslatorOptions;

/**
 * What every executor needs to translate a split, as the driver was told on the command line: the
 * same options as {@code ./nmt translate}, whose search options not given are the model's own
 * (known only on executors). Serializable (it travels with each task); validated on construction
 * without touching the engine, so the driver never loads libtorch.
 *
 * @param model the {@code --model} path as executors see it: a model or training run directory,
 *     absolute (a shared filesystem) or relative (an archive unpacked by {@code --archives
 *     run.zip#model}, or the working directory)
 * @param checkpoint the {@code --checkpoint} value (best, last or a path), or null
 * @param device {@code auto}, {@code cpu}, {@code gpu} or {@code gpu:N}, resolved on each executor
 * @param beam beam size (1 is greedy search), or null for the model's
 * @param nbest hypotheses per output line, tab-separated, at most the beam, or null for the model's
 * @param lengthPenalty the GNMT length-penalty exponent, or null for the model's
 * @param maxLenA output length limit {@code a*S+b}: a, or null for the model's
 * @param maxLenB output length limit: b, or null for the model's
 * @param batchTokens most source tokens per batch, padding included, times the beam
 */
public record JobSettings(
        String model,
        String checkpoint,
        String device,
        Integer beam,
        Integer nbest,
        Double lengthPenalty,
        Double maxLenA,
        Integer maxLenB,
        int batchTokens)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Validates what can be checked without the model (whose own decode settings fill the search
     * options not given); messages name the option.
     */
    public JobSettings {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("--model is required");
        }
        try {
            Devices.resolve(device, true, Integer.MAX_VALUE);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--device: " + e.getMessage(), e);
        }
        DecodeConfig d = DecodeConfig.DEFAULT;
        int k = beam != null ? beam : Math.max(d.beam(), nbest != null ? nbest : 1);
        new DecodeConfig(
                k,
                lengthPenalty != null ? lengthPenalty : d.lengthPenalty(),
                maxLenA != null ? maxLenA : d.maxLenA(),
                maxLenB != null ? maxLenB : d.maxLenB(),
                nbest != null ? nbest : 1);
        new TranslatorOptions(batchTokens, false);
    }

    /**
     * Returns the search settings as {@code ./nmt translate} makes them: the model's own, with each
     * option given overriding its field; when {@code --nbest} is not given, n-best is the model's,
     * at most the beam.
     *
     * @param defaults the model's decode settings ({@code TrainedModel.decodeDefaults()})
     * @return the settings
     * @throws IllegalArgumentException when the result is invalid
     */
    public DecodeConfig decodeConfig(DecodeConfig defaults) {
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
     * Returns the batching settings (no attention is recorded).
     *
     * @return the options
     */
    public TranslatorOptions translatorOptions() {
        return new TranslatorOptions(batchTokens, false);
    }
}
