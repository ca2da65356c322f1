package org.nmt4j.cli;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import org.nmt4j.data.tokenizer.Tokenizers;
import org.nmt4j.model.LoadedModel;
import org.nmt4j.model.ModelArtifacts;
import org.nmt4j.model.TokenizerFiles;
import org.nmt4j.model.search.DecodeConfig;
import org.nmt4j.translate.SentenceTranslator;
import org.nmt4j.translate.TranslatorOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A loaded model, its tokenizers and a translator, closed together. */
final class TranslatorSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TranslatorSession.class);

    private final NDManager manager;
    private final Tokenizers tokenizers;
    private final SentenceTranslator translator;

    private TranslatorSession(
            NDManager manager, Tokenizers tokenizers, SentenceTranslator translator) {
        this.manager = manager;
        this.tokenizers = tokenizers;
        this.translator = translator;
    }

    /**
     * Loads a model directory and builds a translator.
     *
     * @param dir the model directory
     * @param decode the search settings
     * @param options the batching settings
     * @return the session
     * @throws IOException if the model directory cannot be loaded
     */
    static TranslatorSession open(Path dir, DecodeConfig decode, TranslatorOptions options)
            throws IOException {
        NDManager manager = NDManager.newBaseManager();
        Tokenizers tokenizers = null;
        try {
            LoadedModel loaded = ModelArtifacts.load(dir, manager, null);
            TokenizerFiles files = loaded.tokenizer();
            tokenizers =
                    files.joint()
                            ? Tokenizers.joint(files.source())
                            : Tokenizers.separate(files.source(), files.target());
            LOG.info(
                    "model {}: {} encoder + {} decoder layers, E={}, beam {}",
                    dir,
                    loaded.config().encoderLayers(),
                    loaded.config().decoderLayers(),
                    loaded.config().modelSize(),
                    decode.beam());
            SentenceTranslator translator =
                    new SentenceTranslator(loaded.model(), manager, tokenizers, decode, options);
            return new TranslatorSession(manager, tokenizers, translator);
        } catch (IOException | RuntimeException e) {
            if (tokenizers != null) {
                tokenizers.close();
            }
            manager.close();
            throw e;
        }
    }

    SentenceTranslator translator() {
        return translator;
    }

    @Override
    public void close() {
        tokenizers.close();
        manager.close();
    }
}
