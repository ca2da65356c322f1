package org.nmt4j.spark;

import java.io.Serializable;
import java.util.List;
import org.nmt4j.model.runtime.Devices;
import org.nmt4j.model.search.DecodeConfig;
import org.nmt4j.translate.TranslationSettings;
import org.nmt4j.translate.TranslatorOptions;

/**
 * What every executor needs to translate a split, as the driver was told on the command line: the
 * same options as {@code ./nmt translate}, whose search options not given are the model's own
 * (known only on executors). Serializable (it travels with each task); validated on construction
 * without touching the engine, so the driver never loads libtorch.
 *
 * @param models the {@code --model} paths as executors see them, one per model of an ensemble (one
 *     for a single model): model or training run directories, absolute (a shared filesystem) or
 *     relative (an archive unpacked by {@code --archives run.zip#model}, or the working directory)
 * @param checkpoint the {@code --checkpoint} value (best, last or a path), or null
 * @param device {@code auto}, {@code cpu}, {@code gpu} or {@code gpu:N}, resolved on each executor
 * @param search the search options given and the batch budget, as {@code ./nmt translate} takes
 *     them
 */
public record JobSettings(
        List<String> models, String checkpoint, String device, TranslationSettings search)
        implements Serializable {

    private static final long serialVersionUID = 2L;

    /**
     * Validates what can be checked without the model; messages name the option.
     *
     * @throws IllegalArgumentException when an option is invalid
     */
    public JobSettings {
        if (models == null || models.isEmpty() || models.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("--model is required");
        }
        models = List.copyOf(models);
        try {
            Devices.resolve(device, true, Integer.MAX_VALUE);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--device: " + e.getMessage(), e);
        }
    }

    /**
     * Returns the search settings as {@code ./nmt translate} makes them ({@link
     * TranslationSettings#decodeConfig}).
     *
     * @param defaults the model's decode settings ({@code TrainedModel.decodeDefaults()})
     * @return the settings
     * @throws IllegalArgumentException when the result is invalid
     */
    public DecodeConfig decodeConfig(DecodeConfig defaults) {
        return search.decodeConfig(defaults);
    }

    /**
     * Returns the batching settings (no attention is recorded).
     *
     * @return the options
     */
    public TranslatorOptions translatorOptions() {
        return search.translatorOptions(false);
    }
}
