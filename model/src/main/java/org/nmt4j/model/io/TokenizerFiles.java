package org.nmt4j.model.io;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The SentencePiece model file(s) that belong to a model: one joint file for both sides, or one per
 * side.
 *
 * @param source the source-side {@code .model} file
 * @param target the target-side {@code .model} file; the same path as {@code source} when joint
 */
public record TokenizerFiles(Path source, Path target) {

    /** Checks that both paths are given. */
    public TokenizerFiles {
        Objects.requireNonNull(source, "source tokenizer model");
        Objects.requireNonNull(target, "target tokenizer model");
    }

    /**
     * One model for both sides.
     *
     * @param model the {@code .model} file
     * @return the files
     */
    public static TokenizerFiles joint(Path model) {
        return new TokenizerFiles(model, model);
    }

    /**
     * One model per side.
     *
     * @param source the source {@code .model} file
     * @param target the target {@code .model} file
     * @return the files
     */
    public static TokenizerFiles separate(Path source, Path target) {
        return new TokenizerFiles(source, target);
    }

    /**
     * Tells whether one file serves both sides.
     *
     * @return true when joint
     */
    public boolean joint() {
        return source.equals(target);
    }
}
