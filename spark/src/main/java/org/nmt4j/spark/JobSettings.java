package org.nmt4j.spark;

import java.io.Serializable;
import org.nmt4j.model.search.DecodeConfig;
import org.nmt4j.translate.TranslatorOptions;

/**
 * What every executor needs to translate a split, as the driver was told on the command line: the
 * same options as {@code ./nmt translate}. Serializable (it travels with each task); validated on
 * construction without touching the engine, so the driver never loads libtorch.
 *
 * @param model the {@code --model} path as executors see it: a model or training run directory,
 *     absolute (a shared filesystem) or relative (an archive unpacked by {@code --archives
 *     run.zip#model}, or the working directory)
 * @param checkpoint the {@code --checkpoint} value (best, last or a path), or null
 * @param device {@code auto}, {@code cpu}, {@code gpu} or {@code gpu:N}, resolved on each executor
 * @param beam beam size; 1 is greedy search
 * @param nbest hypotheses per output line, tab-separated, at most the beam
 * @param lengthPenalty the GNMT length-penalty exponent
 * @param maxLenA output length limit {@code a*S+b}: a
 * @param maxLenB output length limit: b
 * @param batchTokens most source tokens per batch, padding included, times the beam
 */
public record JobSettings(
        String model,
        String checkpoint,
        String device,
        int beam,
        int nbest,
        double lengthPenalty,
        double maxLenA,
        int maxLenB,
        int batchTokens)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Validates every value; messages name the option. */
    public JobSettings {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("--model is required");
        }
        if (!device.matches("auto|cpu|gpu|gpu:[0-9]{1,4}")) {
            throw new IllegalArgumentException(
                    "--device must be auto, cpu, gpu or gpu:N, got '" + device + "'");
        }
        new DecodeConfig(beam, lengthPenalty, maxLenA, maxLenB, nbest);
        new TranslatorOptions(batchTokens, false);
    }

    /**
     * Returns the search settings.
     *
     * @return the decode config
     */
    public DecodeConfig decodeConfig() {
        return new DecodeConfig(beam, lengthPenalty, maxLenA, maxLenB, nbest);
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
