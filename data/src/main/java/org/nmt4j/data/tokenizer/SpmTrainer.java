package org.nmt4j.data.tokenizer;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nmt4j.text.io.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a SentencePiece model by running the official trainer, {@code spm_train}, as a separate
 * process ({@code tokenizer.trainer: spm_train}; nmt4j's own trainer is the default). Models get
 * this project's special ids ({@code --pad_id=0 --unk_id=1 --bos_id=2 --eos_id=3}) and
 * SentencePiece's identity normalisation (text is normalised by the data module beforehand). The
 * model and vocabulary are written under temporary names and renamed at the end, so an interrupted
 * run never leaves a model that looks complete.
 *
 * <p>The executable is {@code spm_train} on the {@code PATH}, or the file named by the {@code
 * NMT_SPM_TRAIN} environment variable.
 */
public final class SpmTrainer implements TokenizerTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(SpmTrainer.class);

    /** How to install the trainer, for error messages. */
    public static final String INSTALL_HINT =
            "tokenizer.trainer: spm_train needs SentencePiece's command-line tools: install them (Debian/Ubuntu: sudo apt-get install"
                    + " sentencepiece; macOS: brew install sentencepiece), or set NMT_SPM_TRAIN"
                    + " to the spm_train executable; or leave tokenizer.trainer out to use nmt4j's own trainer";

    private final Path executable;

    private SpmTrainer(Path executable) {
        this.executable = executable;
    }

    /**
     * Finds {@code spm_train}.
     *
     * @return a trainer
     * @throws TokenizerException with an install hint if it is not found
     */
    public static SpmTrainer find() {
        return find(System.getenv("NMT_SPM_TRAIN"), System.getenv("PATH"));
    }

    /**
     * Finds {@code spm_train} given an explicit executable or a search path (for tests).
     *
     * @param explicit the executable, or null to search
     * @param searchPath a {@code PATH}-style list of directories, or null
     * @return a trainer
     * @throws TokenizerException with an install hint if it is not found
     */
    static SpmTrainer find(String explicit, String searchPath) {
        if (explicit != null && !explicit.isBlank()) {
            Path p = Path.of(explicit);
            if (Files.isExecutable(p)) {
                return new SpmTrainer(p);
            }
            throw new TokenizerException(
                    "NMT_SPM_TRAIN=" + explicit + " is not an executable file; " + INSTALL_HINT);
        }
        return onPath(searchPath)
                .map(SpmTrainer::new)
                .orElseThrow(
                        () ->
                                new TokenizerException(
                                        "spm_train (the SentencePiece trainer) was not found on the PATH;"
                                                + " "
                                                + INSTALL_HINT));
    }

    private static Optional<Path> onPath(String searchPath) {
        if (searchPath == null) {
            return Optional.empty();
        }
        for (String dir : searchPath.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path p = Path.of(dir, "spm_train");
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Trains a model on text files with one sentence per line.
     *
     * @param inputs the training text files (already normalised)
     * @param modelFile where the model goes, ending in {@code .model}; the vocabulary goes next to
     *     it ending in {@code .vocab}, and spm_train's log ending in {@code .log}
     * @param config the tokenizer settings
     * @param seed spm_train's random seed (sampling of input sentences)
     * @return the model file
     * @throws IOException if the files cannot be written
     * @throws TokenizerException if spm_train fails (with the end of its log)
     */
    @Override
    public Path train(List<Path> inputs, Path modelFile, TokenizerConfig config, long seed)
            throws IOException {
        String stem = TokenizerTrainer.stem(modelFile);
        Path dir = modelFile.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmpPrefix = dir.resolve("." + stem + ".tmp");
        Path log = dir.resolve(stem + ".log");
        List<String> command = command(inputs, tmpPrefix, config, seed);
        LOG.info(
                "training SentencePiece {} model ({} pieces) into {}",
                config.type().spmName(),
                config.vocabSize(),
                modelFile);
        run(command, log);
        AtomicFiles.publish(Path.of(tmpPrefix + ".vocab"), dir.resolve(stem + ".vocab"));
        AtomicFiles.publish(Path.of(tmpPrefix + ".model"), modelFile);
        return modelFile;
    }

    List<String> command(List<Path> inputs, Path prefix, TokenizerConfig config, long seed) {
        List<String> cmd = new ArrayList<>();
        cmd.add(executable.toString());
        cmd.add("--input=" + String.join(",", inputs.stream().map(Path::toString).toList()));
        cmd.add("--model_prefix=" + prefix);
        cmd.add("--model_type=" + config.type().spmName());
        cmd.add("--vocab_size=" + config.vocabSize());
        cmd.add("--character_coverage=" + config.characterCoverage());
        cmd.add("--pad_id=0");
        cmd.add("--unk_id=1");
        cmd.add("--bos_id=2");
        cmd.add("--eos_id=3");
        cmd.add("--normalization_rule_name=identity");
        cmd.add("--byte_fallback=" + config.byteFallback());
        cmd.add("--hard_vocab_limit=false");
        cmd.add("--input_sentence_size=" + config.inputSentenceSize());
        cmd.add("--shuffle_input_sentence=true");
        cmd.add("--random_seed=" + (seed & 0x7fffffffL));
        cmd.add("--num_threads=" + Math.max(1, Runtime.getRuntime().availableProcessors()));
        return cmd;
    }

    private static void run(List<String> command, Path log) throws IOException {
        Process process =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
        int rc;
        try {
            rc = process.waitFor();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while spm_train was running", e);
        }
        if (rc != 0) {
            throw new TokenizerException(
                    "spm_train failed with exit code "
                            + rc
                            + " (log: "
                            + log
                            + "): "
                            + lastLines(log, 3));
        }
    }

    private static String lastLines(Path log, int n) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    }
}
