package org.nmt4j.train.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nmt4j.data.DataConfig;
import org.nmt4j.data.tokenizer.TokenizerConfig;

/** The files an experiment reads and that must exist before it starts. */
final class InputFiles {
    private InputFiles() {}

    /**
     * One input file and the key it came from.
     *
     * @param keyPath e.g. {@code data.train}
     * @param file the absolute file
     */
    record Input(String keyPath, Path file) {}

    /**
     * Lists the corpus files (both languages' files for an aligned corpus, whose paths are
     * prefixes) and any existing tokenizer models the config names.
     *
     * @param config the config
     * @return the inputs, in key order
     */
    static List<Input> of(ExperimentConfig config) {
        List<Input> inputs = new ArrayList<>();
        DataConfig data = config.data();
        corpus(inputs, data, "data.train", data.train());
        corpus(inputs, data, "data.dev", data.dev());
        corpus(inputs, data, "data.test", data.test());
        TokenizerConfig tok = config.tokenizer();
        optional(inputs, "tokenizer.model", tok.model());
        optional(inputs, "tokenizer.source_model", tok.sourceModel());
        optional(inputs, "tokenizer.target_model", tok.targetModel());
        return inputs;
    }

    private static void corpus(List<Input> inputs, DataConfig data, String key, Path path) {
        if (path == null) {
            return;
        }
        if (data.format() == DataConfig.Format.ALIGNED) {
            inputs.add(new Input(key, data.alignedFile(path, data.sourceLang())));
            inputs.add(new Input(key, data.alignedFile(path, data.targetLang())));
        } else {
            inputs.add(new Input(key, path));
        }
    }

    private static void optional(List<Input> inputs, String key, Path path) {
        if (path != null) {
            inputs.add(new Input(key, path));
        }
    }
}
