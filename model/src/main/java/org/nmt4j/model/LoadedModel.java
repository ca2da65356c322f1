package org.nmt4j.model;

import java.nio.file.Path;
import org.nmt4j.text.SpecialTokens;

/**
 * A model read by {@link ModelArtifacts#load}: the network with its trained parameters and where
 * its tokenizer model(s) are.
 *
 * @param directory the model directory it was read from
 * @param model the network, its parameters attached to the manager given to {@code load}
 * @param tokenizer the SentencePiece model file(s) inside the directory
 */
public record LoadedModel(Path directory, Seq2SeqTransformer model, TokenizerFiles tokenizer) {

    /**
     * Returns the architecture.
     *
     * @return the model configuration
     */
    public ModelConfig config() {
        return model.config();
    }

    /**
     * Returns the special ids.
     *
     * @return pad, unk, bos, eos
     */
    public SpecialTokens special() {
        return model.special();
    }
}
