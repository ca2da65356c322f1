package org.nmt4j.data.tokenizer.train;

import org.nmt4j.data.tokenizer.TokenizerConfig;

/**
 * What a SentencePiece training run needs beyond the text: the algorithm and the settings nmt4j
 * exposes, plus SentencePiece's fixed defaults for the rest (written into the model's trainer
 * spec).
 *
 * @param type unigram or bpe
 * @param vocabSize pieces in the model, special and byte pieces included
 * @param characterCoverage share of character occurrences the model must cover, in (0, 1]
 * @param byteFallback whether the model has the 256 byte pieces for unknown characters
 * @param inputSentenceSize most sentences read (a seeded sample above that)
 * @param seed the sampling seed
 * @param threads worker threads (the result does not depend on it)
 */
record TrainerSettings(
        TokenizerConfig.Type type,
        int vocabSize,
        double characterCoverage,
        boolean byteFallback,
        int inputSentenceSize,
        long seed,
        int threads) {

    /** SentencePiece's {@code seed_sentencepiece_size}. */
    static final int SEED_PIECES = 1_000_000;

    /** SentencePiece's {@code shrinking_factor}. */
    static final float SHRINKING_FACTOR = 0.75f;

    /** SentencePiece's {@code num_sub_iterations}. */
    static final int EM_SUB_ITERATIONS = 2;

    /** SentencePiece's {@code max_sentence_length}, in UTF-8 bytes. */
    static final int MAX_SENTENCE_BYTES = 4192;

    /** Validates. */
    TrainerSettings {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
    }

    /**
     * Takes the settings of a tokenizer config, with every core.
     *
     * @param config the tokenizer section
     * @param seed the sampling seed
     * @return the settings
     */
    static TrainerSettings of(TokenizerConfig config, long seed) {
        return new TrainerSettings(
                config.type(),
                config.vocabSize(),
                config.characterCoverage(),
                config.byteFallback(),
                config.inputSentenceSize(),
                seed,
                Runtime.getRuntime().availableProcessors());
    }

    /**
     * Returns a copy with another thread count.
     *
     * @param n threads
     * @return the copy
     */
    TrainerSettings withThreads(int n) {
        return new TrainerSettings(
                type, vocabSize, characterCoverage, byteFallback, inputSentenceSize, seed, n);
    }

    /**
     * Returns the number of special pieces: pad, unk, bos, eos, and the 256 byte pieces with byte
     * fallback.
     *
     * @return the count
     */
    int metaPieces() {
        return 4 + (byteFallback ? 256 : 0);
    }
}
