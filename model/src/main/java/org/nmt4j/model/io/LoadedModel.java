package org.nmt4j.model.io;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import org.nmt4j.model.IncrementalDecoder;
import org.nmt4j.model.ModelConfig;
import org.nmt4j.model.Seq2SeqTransformer;
import org.nmt4j.model.search.DecodeConfig;
import org.nmt4j.text.SpecialTokens;

/**
 * A model read by {@link ModelArtifacts#load}: the network with its trained parameters, where its
 * tokenizer model(s) are, and the decode settings saved with it.
 *
 * @param directory the model directory it was read from
 * @param model the network, its parameters attached to the manager given to {@code load}
 * @param tokenizer the SentencePiece model file(s) inside the directory
 * @param decode the directory's {@code decode.json}, or null when it has none (a model saved before
 *     models carried their decode settings)
 */
public record LoadedModel(
        Path directory, Seq2SeqTransformer model, TokenizerFiles tokenizer, DecodeConfig decode) {

    /**
     * A loaded model without decode settings.
     *
     * @param directory the model directory it was read from
     * @param model the network
     * @param tokenizer the SentencePiece model file(s)
     */
    public LoadedModel(Path directory, Seq2SeqTransformer model, TokenizerFiles tokenizer) {
        this(directory, model, tokenizer, null);
    }

    /**
     * Returns the architecture.
     *
     * @return the model configuration
     */
    public ModelConfig config() {
        return model.config();
    }

    /**
     * Returns the network bound to its parameters, as searches and translators see it.
     *
     * @param parameters the manager given to {@code load} (its device is the decoder's)
     * @return the decoder
     */
    public IncrementalDecoder<?, ?> decoder(NDManager parameters) {
        return model.decoder(parameters);
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
