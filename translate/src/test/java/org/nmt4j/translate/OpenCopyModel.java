package org.nmt4j.translate;

import ai.djl.Device;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.nmt4j.data.tokenizer.Tokenizers;
import org.nmt4j.model.search.DecodeConfig;

/**
 * The {@link CopyModel} opened once for a test class and closed after it: {@code @RegisterExtension
 * static final OpenCopyModel COPY = new OpenCopyModel();}.
 */
final class OpenCopyModel implements BeforeAllCallback, AfterAllCallback {
    private TrainedModel model;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        model = TrainedModel.open(CopyModel.directory(), Device.cpu());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        model.close();
    }

    /**
     * Returns the open model.
     *
     * @return the model
     */
    TrainedModel model() {
        return model;
    }

    /**
     * Returns its tokenizers.
     *
     * @return the tokenizers
     */
    Tokenizers tokenizers() {
        return model.tokenizers();
    }

    /**
     * Returns a translator over it.
     *
     * @param decode the search settings
     * @param options batching and attention
     * @return the translator
     */
    SentenceTranslator translator(DecodeConfig decode, TranslatorOptions options) {
        return model.translator(decode, options);
    }
}
