package org.nmt4j.translate;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import org.nmt4j.data.tokenizer.Tokenizers;
import org.nmt4j.model.LoadedModel;
import org.nmt4j.model.ModelArtifacts;
import org.nmt4j.model.ModelConfig;
import org.nmt4j.model.TokenizerFiles;
import org.nmt4j.model.search.DecodeConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A trained model ready to translate: the network with its parameters on one device, its
 * tokenizer(s) and its own decode settings, loaded from a model directory or a training run
 * directory and closed together.
 *
 * <pre>{@code
 * try (TrainedModel model = TrainedModel.open(Path.of("runs/demo"), Device.cpu())) {
 *     List<Translation> out = model.translator().translate(List.of("I am hungry."));
 * }
 * }</pre>
 *
 * <p>Threads: a {@code TrainedModel} may be shared; {@link #translator()} may be called from any
 * thread. Each {@link SentenceTranslator} it returns is not thread-safe: use one per thread (they
 * share the parameters, read-only). Close the model after every translator is done.
 */
public final class TrainedModel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TrainedModel.class);

    private final NDManager manager;
    private final LoadedModel loaded;
    private final Tokenizers tokenizers;
    private final DecodeConfig decode;

    private TrainedModel(
            NDManager manager, LoadedModel loaded, Tokenizers tokenizers, DecodeConfig decode) {
        this.manager = manager;
        this.loaded = loaded;
        this.tokenizers = tokenizers;
        this.decode = decode;
    }

    /**
     * Loads a model directory, or the best checkpoint of a training run directory.
     *
     * @param runOrModelDir a model directory (it has {@code model.json}) or a run directory
     * @param device where the parameters go; null for the engine's default device
     * @return the model; close it
     * @throws ModelNotFoundException when the path names no model
     * @throws IOException when the model directory is incomplete, corrupted, of an unknown format,
     *     or its tokenizer does not fit it (a {@link org.nmt4j.model.ModelArtifactException} naming
     *     the file)
     */
    public static TrainedModel open(Path runOrModelDir, Device device) throws IOException {
        return open(runOrModelDir, null, device);
    }

    /**
     * Loads a model directory, or a checkpoint of a training run directory.
     *
     * @param runOrModelDir a model directory (it has {@code model.json}) or a run directory
     * @param checkpoint null (the model directory itself, or the run's best checkpoint), {@code
     *     best}, {@code last}, or a checkpoint path (relative to {@code runOrModelDir} when it
     *     exists there); see {@link ModelLocator}
     * @param device where the parameters go; null for the engine's default device
     * @return the model; close it
     * @throws ModelNotFoundException when the path and checkpoint name no model
     * @throws IOException when the model directory is incomplete, corrupted, of an unknown format,
     *     or its tokenizer does not fit it
     */
    public static TrainedModel open(Path runOrModelDir, String checkpoint, Device device)
            throws IOException {
        Path dir = ModelLocator.resolve(runOrModelDir, checkpoint);
        NDManager manager =
                device == null ? NDManager.newBaseManager() : NDManager.newBaseManager(device);
        Tokenizers tokenizers = null;
        try {
            LoadedModel loaded = ModelArtifacts.load(dir, manager, null);
            tokenizers = tokenizers(loaded.tokenizer());
            LOG.info(
                    "model {}: {} encoder + {} decoder layers, E={}, on {}",
                    dir,
                    loaded.config().encoderLayers(),
                    loaded.config().decoderLayers(),
                    loaded.config().modelSize(),
                    manager.getDevice());
            DecodeConfig decode = decodeDefaults(loaded);
            // fails early, naming the tokenizer file, when a vocabulary does not fit the model
            new SentenceTranslator(
                    loaded.model(), manager, tokenizers, decode, TranslatorOptions.DEFAULT);
            return new TrainedModel(manager, loaded, tokenizers, decode);
        } catch (IOException | RuntimeException e) {
            if (tokenizers != null) {
                tokenizers.close();
            }
            manager.close();
            if (e instanceof IllegalArgumentException) {
                throw new IOException("model " + dir + ": " + e.getMessage(), e);
            }
            throw e;
        }
    }

    private static DecodeConfig decodeDefaults(LoadedModel loaded) {
        DecodeConfig d = loaded.decode();
        if (d == null) {
            LOG.info(
                    "model {} has no {}; using the built-in decode settings: {}",
                    loaded.directory(),
                    ModelArtifacts.DECODE_JSON,
                    describe(DecodeConfig.DEFAULT));
            return DecodeConfig.DEFAULT;
        }
        LOG.info("decode settings of the model: {}", describe(d));
        return d;
    }

    /**
     * Describes decode settings in the config's terms.
     *
     * @param d the settings
     * @return e.g. {@code beam 4, length_penalty 0.6, max_len_a 1.5, max_len_b 10, nbest 1}
     */
    public static String describe(DecodeConfig d) {
        return "beam "
                + d.beam()
                + ", length_penalty "
                + d.lengthPenalty()
                + ", max_len_a "
                + d.maxLenA()
                + ", max_len_b "
                + d.maxLenB()
                + ", nbest "
                + d.nbest();
    }

    private static Tokenizers tokenizers(TokenizerFiles files) {
        return files.joint()
                ? Tokenizers.joint(files.source())
                : Tokenizers.separate(files.source(), files.target());
    }

    /**
     * Returns the model directory actually loaded (e.g. {@code RUN_DIR/best}).
     *
     * @return the directory
     */
    public Path directory() {
        return loaded.directory();
    }

    /**
     * Returns the architecture.
     *
     * @return the model configuration
     */
    public ModelConfig config() {
        return loaded.config();
    }

    /**
     * Returns the device the parameters are on.
     *
     * @return the device
     */
    public Device device() {
        return manager.getDevice();
    }

    /**
     * Returns the model's own decode settings: those saved with it ({@code decode.json}, the
     * training run's {@code decode:} section), or {@link DecodeConfig#DEFAULT} for a model saved
     * without them.
     *
     * @return the settings
     */
    public DecodeConfig decodeDefaults() {
        return decode;
    }

    /**
     * Returns the model's tokenizer(s), owned by this model (do not close them).
     *
     * @return the tokenizers
     */
    public Tokenizers tokenizers() {
        return tokenizers;
    }

    /**
     * Returns a new translator with the model's decode settings and the default batching.
     *
     * @return the translator; not thread-safe, use one per thread
     */
    public SentenceTranslator translator() {
        return translator(decode, TranslatorOptions.DEFAULT);
    }

    /**
     * Returns a new translator.
     *
     * @param decodeConfig the search settings (e.g. {@link #decodeDefaults()} with another beam)
     * @param options batching and attention
     * @return the translator; not thread-safe, use one per thread
     */
    public SentenceTranslator translator(DecodeConfig decodeConfig, TranslatorOptions options) {
        return new SentenceTranslator(loaded.model(), manager, tokenizers, decodeConfig, options);
    }

    /** Frees the parameters and the tokenizers. */
    @Override
    public void close() {
        tokenizers.close();
        manager.close();
    }
}
