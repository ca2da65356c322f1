package org.nmt4j.data.tokenizer;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The {@code tokenizer} section of an experiment config: the SentencePiece model(s) to train, or
 * the existing model(s) to load. Keys are snake_case in YAML; a missing optional key (null here)
 * takes the default shown. Validated on construction (IllegalArgumentException naming the key).
 *
 * <pre>
 * tokenizer:
 *   type: unigram              # unigram | bpe
 *   vocab_size: 8000
 *   character_coverage: 1.0
 *   joint: true                # one model for both languages, or one per language
 *   byte_fallback: false       # unknown characters as UTF-8 byte pieces instead of unk
 *   input_sentence_size: 1000000   # the trainer samples at most this many lines
 *   model: null                # existing joint model (joint: true): loaded, not trained
 *   source_model: null         # existing per-language models (joint: false)
 *   target_model: null
 *   trainer: nmt4j             # nmt4j (the Java trainer) | spm_train (the official one)
 * </pre>
 *
 * <p>Models are always trained with pad 0, unk 1, bos 2, eos 3 and the identity normalisation rule
 * (the data module normalises text itself, NFC), so that decoding gives back the normalised text
 * exactly.
 *
 * @param type the SentencePiece algorithm
 * @param vocabSize vocabulary size, special pieces included (exact: a corpus too small for it is an
 *     error that gives the largest size it can)
 * @param characterCoverage share of characters covered by the model, in (0, 1]
 * @param joint one shared model for source and target
 * @param byteFallback decompose unknown characters into byte pieces
 * @param inputSentenceSize most lines the trainer reads (a seeded sample above that)
 * @param model an existing joint model to load instead of training
 * @param sourceModel an existing source model to load (joint: false)
 * @param targetModel an existing target model to load (joint: false)
 * @param trainer which trainer makes new models; null: {@code spm_train} when the {@code
 *     NMT_SPM_TRAIN} environment variable is set, else nmt4j's own
 */
public record TokenizerConfig(
        Type type,
        Integer vocabSize,
        Double characterCoverage,
        Boolean joint,
        Boolean byteFallback,
        Integer inputSentenceSize,
        Path model,
        Path sourceModel,
        Path targetModel,
        Trainer trainer) {

    /** Which program trains a new SentencePiece model. */
    public enum Trainer {
        /** nmt4j's own trainer, in Java: nothing to install. */
        NMT4J,
        /** The official {@code spm_train}, for vocabularies identical to other toolkits'. */
        SPM_TRAIN
    }

    /** SentencePiece model types. */
    public enum Type {
        /** Unigram language model. */
        UNIGRAM,
        /** Byte-pair encoding. */
        BPE;

        /**
         * Parses a lower- or upper-case name.
         *
         * @param name e.g. {@code unigram}
         * @return the type
         */
        public static Type parse(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "tokenizer.type must be unigram or bpe, got '" + name + "'");
            }
        }

        /**
         * Returns the name spm_train expects.
         *
         * @return {@code unigram} or {@code bpe}
         */
        public String spmName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Fills defaults and validates; throws IllegalArgumentException naming the key. */
    public TokenizerConfig {
        type = type == null ? Type.UNIGRAM : type;
        vocabSize = vocabSize == null ? 8000 : vocabSize;
        characterCoverage = characterCoverage == null ? 1.0 : characterCoverage;
        joint = joint == null ? Boolean.TRUE : joint;
        byteFallback = byteFallback == null ? Boolean.FALSE : byteFallback;
        inputSentenceSize = inputSentenceSize == null ? 1_000_000 : inputSentenceSize;
        require(vocabSize >= 8, "tokenizer.vocab_size must be >= 8, got " + vocabSize);
        require(
                characterCoverage > 0 && characterCoverage <= 1,
                "tokenizer.character_coverage must be in (0, 1], got " + characterCoverage);
        require(
                inputSentenceSize >= 1,
                "tokenizer.input_sentence_size must be >= 1, got " + inputSentenceSize);
        if (joint) {
            require(
                    sourceModel == null && targetModel == null,
                    "tokenizer.source_model/target_model need joint: false; with joint: true"
                            + " give tokenizer.model");
        } else {
            require(
                    model == null,
                    "tokenizer.model is a joint model and needs joint: true; with joint: false"
                            + " give tokenizer.source_model and tokenizer.target_model");
            require(
                    (sourceModel == null) == (targetModel == null),
                    "tokenizer.source_model and tokenizer.target_model must be given together");
        }
    }

    /**
     * Returns the defaults: unigram, 8,000 pieces, coverage 1.0, joint.
     *
     * @return the default config
     */
    public static TokenizerConfig defaults() {
        return new TokenizerConfig(null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * Returns a config that trains a model of this type and size.
     *
     * @param type unigram or bpe
     * @param vocabSize vocabulary size
     * @param joint one model for both languages
     * @return the config
     */
    public static TokenizerConfig training(Type type, int vocabSize, boolean joint) {
        return new TokenizerConfig(
                type, vocabSize, null, joint, null, null, null, null, null, null);
    }

    /**
     * Tells whether existing models are loaded instead of trained.
     *
     * @return true when {@code model} or {@code source_model}/{@code target_model} are given
     */
    public boolean loadsExisting() {
        return model != null || sourceModel != null;
    }

    /**
     * Returns a copy that loads an existing joint model (e.g. the one saved in a run directory).
     *
     * @param jointModel the model file
     * @return the copy
     */
    public TokenizerConfig withModel(Path jointModel) {
        return new TokenizerConfig(
                type,
                vocabSize,
                characterCoverage,
                true,
                byteFallback,
                inputSentenceSize,
                jointModel,
                null,
                null,
                trainer);
    }

    /**
     * Returns a copy that loads existing per-language models.
     *
     * @param source the source model file
     * @param target the target model file
     * @return the copy
     */
    public TokenizerConfig withModels(Path source, Path target) {
        return new TokenizerConfig(
                type,
                vocabSize,
                characterCoverage,
                false,
                byteFallback,
                inputSentenceSize,
                null,
                source,
                target,
                trainer);
    }

    /**
     * Returns a copy with another byte-fallback setting.
     *
     * @param v whether unknown characters become byte pieces
     * @return the copy
     */
    public TokenizerConfig withByteFallback(boolean v) {
        return new TokenizerConfig(
                type,
                vocabSize,
                characterCoverage,
                joint,
                v,
                inputSentenceSize,
                model,
                sourceModel,
                targetModel,
                trainer);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
