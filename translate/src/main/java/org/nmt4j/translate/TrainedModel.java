package org.nmt4j.translate;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nmt4j.data.tokenizer.SentencePieceCodec;
import org.nmt4j.data.tokenizer.Tokenizers;
import org.nmt4j.model.IncrementalDecoder;
import org.nmt4j.model.ModelConfig;
import org.nmt4j.model.io.LoadedModel;
import org.nmt4j.model.io.ModelArtifacts;
import org.nmt4j.model.io.TokenizerFiles;
import org.nmt4j.model.search.DecodeConfig;
import org.nmt4j.model.search.EnsembleDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A trained model ready to translate: the network with its parameters on one device, its
 * tokenizer(s) and its own decode settings, loaded from a model directory or a training run
 * directory and closed together. It may also be an ensemble of several models sharing one tokenizer
 * ({@link #ensemble}), searched as one {@link EnsembleDecoder}: everything that translates sees
 * either through {@link #decoder()}.
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

    private final List<Member> members;
    private final Tokenizers tokenizers;
    private final IncrementalDecoder<?, ?> decoder;

    /**
     * One loaded model: its parameters' manager, what was read, and its tokenizers (the same as the
     * first model's in an ensemble, which translates with the first's).
     */
    private record Member(NDManager manager, LoadedModel loaded, Tokenizers tokenizers)
            implements AutoCloseable {
        @Override
        public void close() {
            tokenizers.close();
            manager.close();
        }
    }

    private TrainedModel(List<Member> members) {
        this.members = List.copyOf(members);
        this.tokenizers = members.get(0).tokenizers();
        List<IncrementalDecoder<?, ?>> decoders = new ArrayList<>(members.size());
        for (Member m : members) {
            decoders.add(m.loaded().decoder(m.manager()));
        }
        this.decoder = decoders.size() == 1 ? decoders.get(0) : new EnsembleDecoder(decoders);
    }

    /**
     * Loads a model directory, or the best checkpoint of a training run directory.
     *
     * @param runOrModelDir a model directory (it has {@code model.json}) or a run directory
     * @param device where the parameters go; null for the engine's default device
     * @return the model; close it
     * @throws ModelNotFoundException when the path names no model
     * @throws IOException when the model directory is incomplete, corrupted, of an unknown format,
     *     or its tokenizer does not fit it (a {@link org.nmt4j.model.io.ModelArtifactException}
     *     naming the file)
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
        return ensemble(List.of(runOrModelDir), checkpoint, device);
    }

    /**
     * Loads several models as one ensemble: each step of a search scores the next token with the
     * mean of their probabilities ({@link EnsembleDecoder}). Their tokenizers must be the same
     * (piece for piece); the translation uses the first model's tokenizer and decode settings.
     *
     * @param runOrModelDirs model or run directories (at least one; one gives that model alone)
     * @param checkpoint as for {@link #open(Path, String, Device)}, for each directory
     * @param device where every model's parameters go; null for the engine's default device
     * @return the ensemble; close it
     * @throws ModelNotFoundException when a path and checkpoint name no model
     * @throws IOException when a model directory cannot be loaded
     * @throws IllegalArgumentException when the models do not share their tokenizers (one line
     *     naming both directories and the first piece that differs)
     */
    public static TrainedModel ensemble(List<Path> runOrModelDirs, String checkpoint, Device device)
            throws IOException {
        if (runOrModelDirs.isEmpty()) {
            throw new IllegalArgumentException("no model given");
        }
        List<Path> dirs = new ArrayList<>();
        for (Path p : runOrModelDirs) {
            dirs.add(ModelLocator.resolve(p, checkpoint));
        }
        List<Member> members = new ArrayList<>();
        try {
            for (Path dir : dirs) {
                members.add(load(dir, device));
            }
            checkSameTokenizers(members);
            TrainedModel model = new TrainedModel(members);
            model.logEnsemble();
            // fails early, naming the tokenizer file, when a vocabulary does not fit the model
            model.translator();
            return model;
        } catch (IOException | RuntimeException e) {
            members.forEach(Member::close);
            if (e instanceof IllegalArgumentException && members.size() == 1) {
                throw new IOException("model " + dirs.get(0) + ": " + e.getMessage(), e);
            }
            throw e;
        }
    }

    private static Member load(Path dir, Device device) throws IOException {
        NDManager manager =
                device == null ? NDManager.newBaseManager() : NDManager.newBaseManager(device);
        try {
            LoadedModel loaded = ModelArtifacts.load(dir, manager, null);
            Tokenizers tokenizers = tokenizers(loaded.tokenizer());
            LOG.info(
                    "model {}: {} encoder + {} decoder layers, E={}, on {}",
                    dir,
                    loaded.config().encoderLayers(),
                    loaded.config().decoderLayers(),
                    loaded.config().modelSize(),
                    manager.getDevice());
            return new Member(manager, loaded, tokenizers);
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    private static void checkSameTokenizers(List<Member> members) {
        Member first = members.get(0);
        for (Member m : members.subList(1, members.size())) {
            samePieces("source", first, first.tokenizers().source(), m, m.tokenizers().source());
            samePieces("target", first, first.tokenizers().target(), m, m.tokenizers().target());
        }
    }

    private static void samePieces(
            String side, Member a, SentencePieceCodec x, Member b, SentencePieceCodec y) {
        String where = null;
        if (x.vocabSize() != y.vocabSize()) {
            where = x.vocabSize() + " pieces against " + y.vocabSize();
        } else {
            for (int id = 0; id < x.vocabSize() && where == null; id++) {
                if (!x.piece(id).equals(y.piece(id))) {
                    where =
                            "piece "
                                    + id
                                    + " is '"
                                    + x.piece(id)
                                    + "' against '"
                                    + y.piece(id)
                                    + "'";
                }
            }
        }
        if (where != null) {
            throw new IllegalArgumentException(
                    "ensemble models must share their tokenizers: the "
                            + side
                            + " vocabulary of "
                            + b.loaded().directory()
                            + " differs from that of "
                            + a.loaded().directory()
                            + " ("
                            + where
                            + "); ensemble only models trained with the same tokenizer");
        }
    }

    private void logEnsemble() {
        if (members.size() == 1) {
            logDecode(members.get(0).loaded());
            return;
        }
        LOG.info(
                "ensemble of {} models: each step scores the next token with the mean of their"
                        + " probabilities; the first model's decode settings apply",
                members.size());
        logDecode(members.get(0).loaded());
        DecodeConfig first = decodeDefaults();
        for (Member m : members.subList(1, members.size())) {
            DecodeConfig own =
                    m.loaded().decode() == null ? DecodeConfig.DEFAULT : m.loaded().decode();
            if (!own.equals(first)) {
                LOG.info(
                        "model {} has other decode settings ({}); they are not used",
                        m.loaded().directory(),
                        describe(own));
            }
        }
    }

    private static void logDecode(LoadedModel loaded) {
        if (loaded.decode() == null) {
            LOG.info(
                    "model {} has no {}; using the built-in decode settings: {}",
                    loaded.directory(),
                    ModelArtifacts.DECODE_JSON,
                    describe(DecodeConfig.DEFAULT));
        } else {
            LOG.info("decode settings of the model: {}", describe(loaded.decode()));
        }
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
     * Returns the model directory actually loaded (e.g. {@code RUN_DIR/best}); for an ensemble, the
     * first model's.
     *
     * @return the directory
     */
    public Path directory() {
        return members.get(0).loaded().directory();
    }

    /**
     * Returns every model directory loaded, in the order given.
     *
     * @return one directory per model (one for a single model)
     */
    public List<Path> directories() {
        return members.stream().map(m -> m.loaded().directory()).toList();
    }

    /**
     * Returns the architecture; for an ensemble, the first model's.
     *
     * @return the model configuration
     */
    public ModelConfig config() {
        return members.get(0).loaded().config();
    }

    /**
     * Returns the device the parameters are on.
     *
     * @return the device
     */
    public Device device() {
        return decoder.device();
    }

    /**
     * Returns the model as searches see it: the network bound to its parameters, or the ensemble of
     * all the models loaded.
     *
     * @return the decoder, shared by every translator of this model
     */
    public IncrementalDecoder<?, ?> decoder() {
        return decoder;
    }

    /**
     * Returns the model's own decode settings: those saved with it ({@code decode.json}, the
     * training run's {@code decode:} section), or {@link DecodeConfig#DEFAULT} for a model saved
     * without them; for an ensemble, the first model's.
     *
     * @return the settings
     */
    public DecodeConfig decodeDefaults() {
        DecodeConfig d = members.get(0).loaded().decode();
        return d == null ? DecodeConfig.DEFAULT : d;
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
        return translator(decodeDefaults(), TranslatorOptions.DEFAULT);
    }

    /**
     * Returns a new translator with what a user asked for: the model's decode settings with the
     * fields given overriding theirs, and the batch budget given.
     *
     * @param settings the overrides and the budget
     * @return the translator; not thread-safe, use one per thread
     * @throws IllegalArgumentException when the resulting search settings are invalid
     */
    public SentenceTranslator translator(TranslationSettings settings) {
        return translator(
                settings.decodeConfig(decodeDefaults()), settings.translatorOptions(false));
    }

    /**
     * Returns a new translator.
     *
     * @param decodeConfig the search settings (e.g. {@link #decodeDefaults()} with another beam)
     * @param options batching and attention
     * @return the translator; not thread-safe, use one per thread
     */
    public SentenceTranslator translator(DecodeConfig decodeConfig, TranslatorOptions options) {
        return new SentenceTranslator(decoder, tokenizers, decodeConfig, options);
    }

    /** Frees the parameters and the tokenizers of every model. */
    @Override
    public void close() {
        members.forEach(Member::close);
    }
}
