package org.nmt4j.data.tokenizer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Trains a SentencePiece model from text: nmt4j's own trainer ({@code tokenizer.trainer: nmt4j},
 * the default, {@link org.nmt4j.data.tokenizer.train.SentencePieceTrainer}) or the official {@code
 * spm_train} as a separate process ({@code tokenizer.trainer: spm_train}, {@link SpmTrainer}).
 * Either way the model has nmt4j's special ids (pad 0, unk 1, bos 2, eos 3) and SentencePiece's
 * identity normaliser, and is written under a temporary name first, so an interrupted run never
 * leaves a model that looks complete.
 */
public interface TokenizerTrainer {

    /**
     * Trains a model on text files with one (normalised) sentence per line.
     *
     * @param inputs the text files
     * @param modelFile where the model goes, ending in {@code .model}; the vocabulary goes next to
     *     it ending in {@code .vocab}
     * @param config the tokenizer settings
     * @param seed the sampling seed
     * @return the model file
     * @throws IOException if the files cannot be read or written
     * @throws TokenizerException if training fails (one line: what and how to fix)
     */
    Path train(List<Path> inputs, Path modelFile, TokenizerConfig config, long seed)
            throws IOException;

    /**
     * Returns the trainer a config asks for: {@code tokenizer.trainer}, else {@code spm_train} when
     * the {@code NMT_SPM_TRAIN} environment variable names one, else nmt4j's own.
     *
     * @param config the tokenizer settings
     * @return the trainer
     * @throws TokenizerException if {@code spm_train} is asked for but not found
     */
    static TokenizerTrainer forConfig(TokenizerConfig config) {
        return forConfig(config, System.getenv("NMT_SPM_TRAIN"));
    }

    /**
     * Returns the trainer a config asks for, given the value of {@code NMT_SPM_TRAIN} (for tests).
     *
     * @param config the tokenizer settings
     * @param spmTrainVariable the variable's value, or null
     * @return the trainer
     */
    static TokenizerTrainer forConfig(TokenizerConfig config, String spmTrainVariable) {
        TokenizerConfig.Trainer which = config.trainer();
        if (which == null) {
            which =
                    spmTrainVariable != null && !spmTrainVariable.isBlank()
                            ? TokenizerConfig.Trainer.SPM_TRAIN
                            : TokenizerConfig.Trainer.NMT4J;
        }
        return which == TokenizerConfig.Trainer.SPM_TRAIN
                ? SpmTrainer.find(spmTrainVariable, System.getenv("PATH"))
                : new org.nmt4j.data.tokenizer.train.SentencePieceTrainer();
    }

    /**
     * Returns a model file's name without {@code .model}: the vocabulary goes next to it as {@code
     * STEM.vocab}.
     *
     * @param modelFile the model file
     * @return the stem
     * @throws IllegalArgumentException if the name does not end in {@code .model}
     */
    static String stem(Path modelFile) {
        String name = modelFile.getFileName().toString();
        if (!name.endsWith(".model")) {
            throw new IllegalArgumentException("model file must end in .model: " + modelFile);
        }
        return name.substring(0, name.length() - ".model".length());
    }
}
