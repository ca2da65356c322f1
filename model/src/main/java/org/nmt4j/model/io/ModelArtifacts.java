package org.nmt4j.model.io;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.nmt4j.model.Seq2SeqTransformer;
import org.nmt4j.model.search.DecodeConfig;
import org.nmt4j.text.io.FileTrees;

/**
 * The on-disk model format, the one place that reads and writes it. A model directory (a training
 * run's checkpoint or an exported model) holds:
 *
 * <pre>
 * model.json          format name + version, ModelConfig, SpecialTokens, file names
 * model.params        every parameter, as DJL's Block.saveParameters writes them
 * decode.json         optional: the search settings to translate with (beam, length penalty,
 *                     length limits, n-best); {@link DecodeConfig#DEFAULT} when absent
 * tokenizer.model     the joint SentencePiece model, or
 * source.model, target.model   one per side
 * (other files)       e.g. optimizer state, written by {@link ExtraFiles}; ignored when loading
 * manifest.sha256     SHA-256 of every file above, written LAST
 * </pre>
 *
 * <p>{@link #save} writes everything into a temporary sibling directory and renames it into place,
 * so a reader never sees half a model. {@link #load} checks, before using anything, that the
 * manifest exists, that each file it reads is listed with the right SHA-256, that the format
 * version is known, and that the parameters fit the architecture in {@code model.json}; each
 * failure is a one-line {@link ModelArtifactException} naming the file.
 */
public final class ModelArtifacts {
    /** The parameters' file name. */
    public static final String PARAMETERS = "model.params";

    /** The joint tokenizer's file name. */
    public static final String JOINT_TOKENIZER = "tokenizer.model";

    /** The source tokenizer's file name when the sides have separate models. */
    public static final String SOURCE_TOKENIZER = "source.model";

    /** The target tokenizer's file name when the sides have separate models. */
    public static final String TARGET_TOKENIZER = "target.model";

    /** The model description's file name. */
    public static final String MODEL_JSON = ArtifactDescriptor.FILE;

    /** The decode settings' file name (optional in a model directory). */
    public static final String DECODE_JSON = DecodeSettingsFile.FILE;

    /** The manifest's file name. */
    public static final String MANIFEST = ArtifactManifest.FILE;

    /** The format version written and read. */
    public static final int FORMAT_VERSION = ArtifactDescriptor.VERSION;

    /** Writes additional files (e.g. optimizer state) into the directory being saved. */
    @FunctionalInterface
    public interface ExtraFiles {
        /**
         * Writes files into the temporary directory; they are hashed into the manifest.
         *
         * @param directory the temporary directory that becomes the model directory
         * @throws IOException if writing fails (the save is abandoned)
         */
        void write(Path directory) throws IOException;
    }

    private ModelArtifacts() {}

    /**
     * Saves a model, replacing {@code directory} atomically.
     *
     * @param directory the model directory to (re)create
     * @param model the model, initialised
     * @param tokenizer the SentencePiece model file(s) to copy in
     * @throws IOException if anything cannot be written; {@code directory} is then unchanged
     */
    public static void save(Path directory, Seq2SeqTransformer model, TokenizerFiles tokenizer)
            throws IOException {
        save(directory, model, tokenizer, dir -> {});
    }

    /**
     * Saves a model and extra files, replacing {@code directory} atomically: everything is written
     * into a temporary sibling directory, the manifest last, which is then renamed into place.
     *
     * @param directory the model directory to (re)create
     * @param model the model, initialised
     * @param tokenizer the SentencePiece model file(s) to copy in
     * @param extras writes further files into the directory before the manifest
     * @throws IOException if anything cannot be written; {@code directory} is then unchanged
     */
    public static void save(
            Path directory, Seq2SeqTransformer model, TokenizerFiles tokenizer, ExtraFiles extras)
            throws IOException {
        save(directory, model, tokenizer, null, extras);
    }

    /**
     * Saves a model, the settings it is to be translated with, and extra files, replacing {@code
     * directory} atomically: everything is written into a temporary sibling directory, the manifest
     * last, which is then renamed into place.
     *
     * @param directory the model directory to (re)create
     * @param model the model, initialised
     * @param tokenizer the SentencePiece model file(s) to copy in
     * @param decode the decode settings written as {@code decode.json}, or null for none
     * @param extras writes further files into the directory before the manifest
     * @throws IOException if anything cannot be written; {@code directory} is then unchanged
     */
    public static void save(
            Path directory,
            Seq2SeqTransformer model,
            TokenizerFiles tokenizer,
            DecodeConfig decode,
            ExtraFiles extras)
            throws IOException {
        Path target = directory.toAbsolutePath().normalize();
        for (Path file : new Path[] {tokenizer.source(), tokenizer.target()}) {
            if (!Files.isRegularFile(file)) {
                throw new IOException("tokenizer model " + file + " does not exist");
            }
        }
        Path parent = target.getParent();
        Files.createDirectories(parent);
        Path temp = parent.resolve("." + target.getFileName() + ".tmp-" + UUID.randomUUID());
        Files.createDirectory(temp);
        try {
            writeContents(temp, model, tokenizer);
            if (decode != null) {
                DecodeSettingsFile.write(temp, decode);
            }
            extras.write(temp);
            ArtifactManifest.write(temp);
            syncAll(temp);
            replace(temp, target);
        } finally {
            FileTrees.delete(temp);
        }
    }

    /**
     * Loads a model directory.
     *
     * @param directory the model directory
     * @param manager the manager that will own the parameters
     * @param device where the parameters go, or null for the manager's device
     * @return the model with its parameters, its tokenizer files and its decode settings (null when
     *     the directory has none)
     * @throws ModelArtifactException naming the file when the directory is incomplete, corrupted,
     *     of an unknown format version, its parameters do not fit its architecture, or its decode
     *     settings are invalid
     */
    public static LoadedModel load(Path directory, NDManager manager, Device device)
            throws ModelArtifactException {
        if (!Files.isDirectory(directory)) {
            throw new ModelArtifactException(
                    directory, null, "is not a directory; give a model or checkpoint directory");
        }
        ArtifactManifest manifest = ArtifactManifest.read(directory);
        ArtifactDescriptor d =
                ArtifactDescriptor.read(directory, manifest.verify(ArtifactDescriptor.FILE));
        TokenizerFiles tokenizer =
                new TokenizerFiles(
                        manifest.verify(d.tokenizer().source()),
                        manifest.verify(d.tokenizer().target()));
        Path parameters = manifest.verify(d.parameters());
        DecodeConfig decode = readDecode(directory, manifest);
        NDManager owner =
                device == null || device.equals(manager.getDevice())
                        ? manager
                        : manager.newSubManager(device);
        Seq2SeqTransformer model = new Seq2SeqTransformer(d.model(), d.specialTokens());
        model.initialize(owner, DataType.FLOAT32, new Shape(1, 1), new Shape(1, 1));
        loadParameters(directory, d.parameters(), parameters, model, owner);
        return new LoadedModel(directory, model, tokenizer, decode);
    }

    /** The directory's decode settings, or null when its manifest lists none. */
    private static DecodeConfig readDecode(Path directory, ArtifactManifest manifest)
            throws ModelArtifactException {
        boolean present = Files.exists(directory.resolve(DecodeSettingsFile.FILE));
        if (!present && !manifest.lists(DecodeSettingsFile.FILE)) {
            return null;
        }
        return DecodeSettingsFile.read(directory, manifest.verify(DecodeSettingsFile.FILE));
    }

    /**
     * Checks every file a directory's manifest lists (loading checks only the files it reads).
     *
     * @param directory the model directory
     * @throws ModelArtifactException naming the first missing or corrupted file
     */
    public static void verify(Path directory) throws ModelArtifactException {
        ArtifactManifest.read(directory).verifyAll();
    }

    private static void writeContents(Path dir, Seq2SeqTransformer model, TokenizerFiles tokenizer)
            throws IOException {
        ArtifactDescriptor.TokenizerEntry entry;
        if (tokenizer.joint()) {
            Files.copy(tokenizer.source(), dir.resolve(JOINT_TOKENIZER));
            entry = new ArtifactDescriptor.TokenizerEntry(true, JOINT_TOKENIZER, JOINT_TOKENIZER);
        } else {
            Files.copy(tokenizer.source(), dir.resolve(SOURCE_TOKENIZER));
            Files.copy(tokenizer.target(), dir.resolve(TARGET_TOKENIZER));
            entry =
                    new ArtifactDescriptor.TokenizerEntry(
                            false, SOURCE_TOKENIZER, TARGET_TOKENIZER);
        }
        try (DataOutputStream out =
                new DataOutputStream(
                        new BufferedOutputStream(
                                Files.newOutputStream(dir.resolve(PARAMETERS)), 1 << 20))) {
            model.saveParameters(out);
        }
        new ArtifactDescriptor(
                        ArtifactDescriptor.FORMAT,
                        ArtifactDescriptor.VERSION,
                        model.config(),
                        model.special(),
                        entry,
                        PARAMETERS)
                .write(dir);
    }

    private static void loadParameters(
            Path directory, String name, Path file, Seq2SeqTransformer model, NDManager owner)
            throws ModelArtifactException {
        Map<String, Shape> expected = new LinkedHashMap<>();
        List<NDArray> initial = new ArrayList<>();
        for (Pair<String, Parameter> p : model.getParameters()) {
            expected.put(p.getKey(), p.getValue().getArray().getShape());
            initial.add(p.getValue().getArray());
        }
        String mismatch =
                "does not fit the architecture in "
                        + MODEL_JSON
                        + " (parameters of another model?): ";
        try (DataInputStream in =
                new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
            model.loadParameters(owner, in);
            // the loaded arrays replace the initial ones: free those now, not with the manager
            for (NDArray a : initial) {
                if (!a.isReleased()) {
                    a.close();
                }
            }
            if (in.read() != -1) {
                throw new ModelArtifactException(
                        directory, name, mismatch + "it holds more parameters than the model has");
            }
        } catch (MalformedModelException | IOException e) {
            if (e instanceof ModelArtifactException m) {
                throw m;
            }
            throw new ModelArtifactException(directory, name, mismatch + e.getMessage(), e);
        }
        for (Pair<String, Parameter> p : model.getParameters()) {
            Shape actual = p.getValue().getArray().getShape();
            Shape want = expected.get(p.getKey());
            if (!actual.equals(want)) {
                throw new ModelArtifactException(
                        directory,
                        name,
                        mismatch
                                + p.getKey()
                                + " has shape "
                                + actual
                                + ", the model needs "
                                + want);
            }
        }
    }

    /** Moves {@code temp} to {@code target}, replacing an existing directory. */
    private static void replace(Path temp, Path target) throws IOException {
        Path old = null;
        if (Files.exists(target)) {
            old = target.resolveSibling("." + target.getFileName() + ".old-" + UUID.randomUUID());
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target);
        } catch (IOException e) {
            if (old != null) {
                Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
            }
            throw e;
        }
        if (old != null) {
            FileTrees.delete(old);
        }
    }

    private static void syncAll(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
            }
        }
    }
}
