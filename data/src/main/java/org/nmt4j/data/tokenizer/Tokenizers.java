package org.nmt4j.data.tokenizer;

import java.nio.file.Path;

/**
 * The source and target codecs of an experiment: one joint model used for both sides, or one model
 * per language. Closing closes each model once.
 */
public final class Tokenizers implements AutoCloseable {
    private final SentencePieceCodec source;
    private final SentencePieceCodec target;

    private Tokenizers(SentencePieceCodec source, SentencePieceCodec target) {
        this.source = source;
        this.target = target;
    }

    /**
     * Loads one joint model for both sides.
     *
     * @param model the model file
     * @return the tokenizers
     */
    public static Tokenizers joint(Path model) {
        SentencePieceCodec codec = SentencePieceCodec.load(model);
        return new Tokenizers(codec, codec);
    }

    /**
     * Loads one model per language.
     *
     * @param sourceModel the source model file
     * @param targetModel the target model file
     * @return the tokenizers
     */
    public static Tokenizers separate(Path sourceModel, Path targetModel) {
        SentencePieceCodec source = SentencePieceCodec.load(sourceModel);
        try {
            return new Tokenizers(source, SentencePieceCodec.load(targetModel));
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
    }

    /**
     * Loads the models a tokenizer config names ({@code model}, or {@code source_model} and {@code
     * target_model}).
     *
     * @param config a config with existing models
     * @return the tokenizers
     */
    public static Tokenizers load(TokenizerConfig config) {
        if (!config.loadsExisting()) {
            throw new IllegalArgumentException("the tokenizer config names no model to load");
        }
        return config.joint()
                ? joint(config.model())
                : separate(config.sourceModel(), config.targetModel());
    }

    /**
     * Returns the source-side codec.
     *
     * @return the codec
     */
    public SentencePieceCodec source() {
        return source;
    }

    /**
     * Returns the target-side codec (the same object as {@link #source()} when joint).
     *
     * @return the codec
     */
    public SentencePieceCodec target() {
        return target;
    }

    /**
     * Tells whether one model serves both sides (a shared vocabulary, needed for tying all
     * embeddings).
     *
     * @return true when joint
     */
    public boolean joint() {
        return source == target;
    }

    @Override
    public void close() {
        source.close();
        if (target != source) {
            target.close();
        }
    }
}
