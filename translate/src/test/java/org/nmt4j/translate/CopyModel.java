package org.nmt4j.translate;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.nmt4j.data.tokenizer.Tokenizers;
import org.nmt4j.model.CopyTask;
import org.nmt4j.model.Seq2SeqTransformer;
import org.nmt4j.model.io.LoadedModel;
import org.nmt4j.model.io.ModelArtifacts;
import org.nmt4j.model.io.TokenizerFiles;

/**
 * A model directory for tests: a tiny model trained (once per test JVM, about 15 s) to copy
 * sequences of the pieces of the 200-piece test tokenizer {@code tokenizer/copy.model}, saved with
 * {@link ModelArtifacts}. Translating a sentence made of known pieces gives the sentence back, so
 * tests can check that each output line belongs to its input line. max_positions is 32, so lines
 * longer than 31 pieces are split.
 */
public final class CopyModel {
    /** The model's max_positions. */
    public static final int MAX_POSITIONS = 32;

    private static Path directory;

    private CopyModel() {}

    /**
     * Returns the saved model directory, training the model on first use.
     *
     * @return the directory
     */
    public static synchronized Path directory() {
        if (directory == null) {
            try {
                directory = trainAndSave();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return directory;
    }

    /**
     * Returns the test tokenizer's model file.
     *
     * @return the path
     */
    public static Path tokenizerFile() {
        return resource("tokenizer/copy.model");
    }

    /**
     * Returns the 30 sentences the test tokenizer was trained on, one per line.
     *
     * @return the path of {@code tokenizer/train.txt}
     */
    public static Path sentencesFile() {
        return resource("tokenizer/train.txt");
    }

    /** A test resource as a file (copied out when the resources are in a jar). */
    private static synchronized Path resource(String name) {
        URL url = CopyModel.class.getResource("/" + name);
        if (url == null) {
            throw new IllegalStateException("test resource " + name + " is missing");
        }
        try {
            if (url.getProtocol().equals("file")) {
                return Path.of(url.toURI());
            }
            Path dir = Files.createTempDirectory("nmt4j-test-resources");
            Path file = dir.resolve(Path.of(name).getFileName().toString());
            try (InputStream in = url.openStream()) {
                Files.copy(in, file);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Loads the tokenizers of a loaded model.
     *
     * @param loaded the model
     * @return its tokenizers
     */
    public static Tokenizers tokenizers(LoadedModel loaded) {
        TokenizerFiles files = loaded.tokenizer();
        return files.joint()
                ? Tokenizers.joint(files.source())
                : Tokenizers.separate(files.source(), files.target());
    }

    private static Path trainAndSave() throws IOException {
        int vocab;
        try (Tokenizers t = Tokenizers.joint(tokenizerFile())) {
            vocab = t.source().vocabSize();
        }
        Path dir = Files.createTempDirectory("nmt4j-copy-model");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
        try (NDManager manager = NDManager.newBaseManager()) {
            Seq2SeqTransformer model =
                    CopyTask.train(manager, CopyTask.config(vocab, MAX_POSITIONS, 64), 400, 14, 11);
            ModelArtifacts.save(dir.resolve("model"), model, TokenizerFiles.joint(tokenizerFile()));
        }
        return dir.resolve("model");
    }

    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // best effort at exit
        }
    }
}
