package org.nmt4j.train.config;

import java.nio.file.Path;
import java.util.regex.Pattern;
import org.nmt4j.data.DataConfig;
import org.nmt4j.data.tokenizer.TokenizerConfig;
import org.nmt4j.model.ModelConfig;
import org.nmt4j.model.search.DecodeConfig;

/**
 * One experiment, as written in a YAML file under {@code configs/}: the top-level keys {@code
 * seed}, {@code device}, {@code run_dir} and one section per module. Loaded by {@link
 * ConfigLoader}; validated on construction.
 *
 * @param seed the seed every random choice of the run derives from (initialisation, shuffling,
 *     dropout)
 * @param device {@code auto} (a GPU when there is one, else the CPU), {@code cpu}, {@code gpu} (the
 *     first GPU) or {@code gpu:N}
 * @param runDir where the run writes its checkpoints, logs, metrics and effective config
 * @param data the corpus and batching (owned by the data module)
 * @param tokenizer the SentencePiece model(s) (owned by the data module)
 * @param model the network's architecture (owned by the model module); when {@code
 *     source_vocab_size} / {@code target_vocab_size} are not given they are taken from {@code
 *     tokenizer.vocab_size}
 * @param train the optimiser, schedule, loss, limits and checkpointing
 * @param decode how translations are searched for (validation and translation)
 */
public record ExperimentConfig(
        long seed,
        String device,
        Path runDir,
        DataConfig data,
        TokenizerConfig tokenizer,
        ModelConfig model,
        TrainConfig train,
        DecodeConfig decode) {

    private static final Pattern DEVICE = Pattern.compile("auto|cpu|gpu|gpu:(0|[1-9][0-9]{0,3})");

    /** Validates the top-level values; each section has validated itself. */
    public ExperimentConfig {
        if (device == null || !DEVICE.matcher(device).matches()) {
            throw new IllegalArgumentException(
                    "device must be auto, cpu, gpu or gpu:N (N = 0, 1, ...), got "
                            + (device == null ? "nothing" : "'" + device + "'"));
        }
        required("run_dir", runDir, "the directory the run writes to");
        required("data", data, "the corpus section");
        required("tokenizer", tokenizer, "the SentencePiece section");
        required("model", model, "the architecture section");
        required("train", train, "the training section");
        required("decode", decode, "the search section");
    }

    /**
     * Returns a copy whose model has the given vocabulary sizes, e.g. those of the tokenizer that
     * was actually trained or loaded (SentencePiece may produce fewer pieces than asked for).
     *
     * @param sourceVocabSize the source vocabulary size
     * @param targetVocabSize the target vocabulary size
     * @return the copy
     */
    public ExperimentConfig withVocabularySizes(int sourceVocabSize, int targetVocabSize) {
        ModelConfig m = model;
        ModelConfig resized =
                new ModelConfig(
                        sourceVocabSize,
                        targetVocabSize,
                        m.modelSize(),
                        m.heads(),
                        m.ffnSize(),
                        m.encoderLayers(),
                        m.decoderLayers(),
                        m.dropout(),
                        m.attentionDropout(),
                        m.norm(),
                        m.positions(),
                        m.maxPositions(),
                        m.tying(),
                        m.activation());
        return new ExperimentConfig(seed, device, runDir, data, tokenizer, resized, train, decode);
    }

    private static void required(String key, Object value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(key + " is required (" + what + ")");
        }
    }
}
