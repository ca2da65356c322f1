package org.nmt4j.data.tokenizer.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;
import org.nmt4j.data.tokenizer.TokenizerConfig;
import org.nmt4j.data.tokenizer.TokenizerException;
import org.nmt4j.data.tokenizer.TokenizerTrainer;
import org.nmt4j.text.io.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * nmt4j's own SentencePiece trainer, in Java: unigram ({@link UnigramTrainer}) or BPE ({@link
 * BpeTrainer}) from UTF-8 text files, written as the standard {@code .model} and {@code .vocab}
 * files that SentencePiece (and SentencePiece-DJL) load unchanged. Deterministic for a seed,
 * whatever the number of threads; uses every core.
 *
 * <p>Errors are one line naming the config key to change: an empty corpus, a {@code vocab_size} too
 * small for the characters to cover, or larger than the corpus can give (with the largest size that
 * works).
 */
public final class SentencePieceTrainer implements TokenizerTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(SentencePieceTrainer.class);

    private final int threads;

    /** A trainer using every core. */
    public SentencePieceTrainer() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /**
     * A trainer using a given number of threads.
     *
     * @param threads worker threads (the model does not depend on it)
     */
    public SentencePieceTrainer(int threads) {
        this.threads = threads;
    }

    @Override
    public Path train(List<Path> inputs, Path modelFile, TokenizerConfig config, long seed)
            throws IOException {
        String stem = TokenizerTrainer.stem(modelFile);
        TrainerSettings settings = TrainerSettings.of(config, seed).withThreads(threads);
        LOG.info(
                "training SentencePiece {} model ({} pieces) into {} (nmt4j's trainer, {}"
                        + " thread(s))",
                config.type().spmName(),
                config.vocabSize(),
                modelFile,
                threads);
        long start = System.nanoTime();
        List<ModelProtoWriter.Entry> entries = train(inputs, settings);
        Path vocab = modelFile.resolveSibling(stem + ".vocab");
        Files.createDirectories(modelFile.toAbsolutePath().getParent());
        AtomicFiles.writeString(vocab, ModelProtoWriter.vocab(entries));
        AtomicFiles.write(
                modelFile, temp -> Files.write(temp, ModelProtoWriter.model(entries, settings)));
        LOG.info(
                "SentencePiece model trained in {} s: {}",
                String.format(Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9),
                modelFile);
        return modelFile;
    }

    /**
     * Trains a vocabulary.
     *
     * @param inputs UTF-8 text files, a sentence a line
     * @param settings the settings
     * @return every piece in id order, special pieces first
     * @throws IOException if a file cannot be read
     * @throws TokenizerException for an empty corpus or a vocabulary size it cannot give
     */
    static List<ModelProtoWriter.Entry> train(List<Path> inputs, TrainerSettings settings)
            throws IOException {
        TrainingText text = TrainingText.read(inputs, settings);
        int room = settings.vocabSize() - settings.metaPieces();
        int chars = text.requiredChars().size();
        if (chars > room) {
            throw new TokenizerException(
                    String.format(
                            Locale.ROOT,
                            "tokenizer.vocab_size %d is too small for this corpus: it has %d"
                                    + " characters to cover (tokenizer.character_coverage %s)"
                                    + " and %d special pieces; set tokenizer.vocab_size to at"
                                    + " least %d, or lower tokenizer.character_coverage",
                            settings.vocabSize(),
                            chars,
                            settings.characterCoverage(),
                            settings.metaPieces(),
                            chars + settings.metaPieces()));
        }
        ForkJoinPool pool = new ForkJoinPool(settings.threads());
        List<ScoredPiece> pieces;
        try {
            pieces =
                    settings.type() == TokenizerConfig.Type.BPE
                            ? new BpeTrainer(text, settings).train()
                            : new UnigramTrainer(text, settings, pool).train();
        } finally {
            pool.shutdown();
        }
        if (pieces.size() < room) {
            int largest = pieces.size() + settings.metaPieces();
            throw new TokenizerException(
                    String.format(
                            Locale.ROOT,
                            "tokenizer.vocab_size %d is more than this corpus gives (%d sentences):"
                                    + " a %s model of it has at most %d pieces; set"
                                    + " tokenizer.vocab_size to %d or less, or train on more"
                                    + " text",
                            settings.vocabSize(),
                            text.sentences(),
                            settings.type().spmName(),
                            largest,
                            largest));
        }
        return ModelProtoWriter.entries(pieces, settings.byteFallback());
    }
}
