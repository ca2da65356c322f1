package org.nmt4j.train.config;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.nmt4j.data.tokenizer.TokenizerConfig;
import org.nmt4j.model.runtime.Devices;
import org.nmt4j.text.io.AtomicFiles;

/**
 * Loads an experiment's YAML file into an {@link ExperimentConfig}, and writes one back.
 *
 * <p>Rules:
 *
 * <ul>
 *   <li>Keys are snake_case; an unknown key is an error that lists the valid keys and suggests the
 *       closest. Keys of primitive type must be given; optional keys (boxed types, paths, strings,
 *       enums) may be left out and the section's record decides (a default or an error).
 *   <li>Scalars are not coerced: {@code "4000"} (quoted) is not an integer, {@code 4000.5} is not
 *       an integer, {@code 3} is not a string. Enums are written in lower case ({@code post},
 *       {@code sinusoidal}, {@code all}, {@code relu}).
 *   <li>{@code --set key.path=value} overrides are applied to the YAML tree before checking, the
 *       value read as a YAML scalar, so they are type-checked like the file's own values.
 *   <li>A relative path written in the file is resolved against the directory of the YAML file (so
 *       {@code configs/x.yaml} may say {@code ../corpus/demo/train.tsv}); a relative path given
 *       with {@code --set} is resolved against the working directory. Paths in the loaded config
 *       are absolute.
 *   <li>{@code model.source_vocab_size} and {@code model.target_vocab_size}, when not given, are
 *       {@code tokenizer.vocab_size}.
 *   <li>{@link #load} also checks that the input files (corpus, existing tokenizer models) exist;
 *       {@link #read} does not. Before that check, a missing {@code data.train} is downloaded when
 *       {@code data.download} names a corpus (see {@link FirstUseDownload}).
 * </ul>
 *
 * <p>Every error is a {@link ConfigException} with one line naming the file, the key path and what
 * was expected.
 */
public final class ConfigLoader {
    private static final YAMLMapper MAPPER = ConfigMapper.create();
    private static final String HEADER =
            "# Effective configuration written by nmt4j (paths are absolute).\n";

    private ConfigLoader() {}

    /**
     * Loads a config, applies overrides, validates everything, downloads a missing {@code
     * data.train} when {@code data.download} says which corpus it is, and checks that input files
     * exist.
     *
     * @param yaml the YAML file
     * @param setOverrides {@code key.path=value} strings, applied in order
     * @return the config
     * @throws ConfigException for any problem, a failed download included
     */
    public static ExperimentConfig load(Path yaml, List<String> setOverrides) {
        return load(yaml, setOverrides, FirstUseDownload.DEFAULT);
    }

    /** {@link #load(Path, List)} with a given downloader (tests fetch from a local server). */
    static ExperimentConfig load(Path yaml, List<String> setOverrides, FirstUseDownload download) {
        ExperimentConfig config = read(yaml, setOverrides);
        download.ensure(config, yaml);
        requireInputFiles(config, yaml);
        return config;
    }

    /**
     * Like {@link #load} but without checking that the input files exist.
     *
     * @param yaml the YAML file
     * @param setOverrides {@code key.path=value} strings, applied in order
     * @return the config
     * @throws ConfigException for any problem
     */
    public static ExperimentConfig read(Path yaml, List<String> setOverrides) {
        RecordBinder binder = new RecordBinder(MAPPER);
        ObjectNode tree = binder.readTree(yaml);
        List<SetOverride> overrides = new ArrayList<>();
        Set<String> pointers = new HashSet<>();
        Path baseDir = yaml.toAbsolutePath().getParent();
        try {
            for (String text : setOverrides) {
                SetOverride o = SetOverride.parse(text, MAPPER);
                o.applyTo(tree);
                overrides.add(o);
                pointers.add(o.pointer());
            }
            fillVocabularySizes(tree, binder, baseDir, pointers);
            return binder.bind(tree, ExperimentConfig.class, baseDir, pointers);
        } catch (ConfigProblem p) {
            throw new ConfigException(yaml, p.keyPath(), withSource(p, overrides), p);
        }
    }

    /**
     * Checks that every input file of a config exists and is a regular file.
     *
     * @param config the config
     * @param yaml the file it came from (for the message)
     * @throws ConfigException naming the first missing file and its key
     */
    public static void requireInputFiles(ExperimentConfig config, Path yaml) {
        for (InputFiles.Input input : InputFiles.of(config)) {
            if (!Files.isRegularFile(input.file())) {
                String what =
                        Files.isDirectory(input.file())
                                ? "is a directory, expected a file: "
                                : "file not found: ";
                throw new ConfigException(
                        yaml,
                        input.keyPath(),
                        what
                                + input.file()
                                + " (relative paths are resolved against the config file's"
                                + " directory)");
            }
        }
    }

    /**
     * Resolves a config's {@code device} on the engine this process uses.
     *
     * @param config the config
     * @param yaml the file it came from (for the message)
     * @return the device
     * @throws ConfigException naming the {@code device} key when the device is malformed or not
     *     available, with what to do
     */
    public static Device device(ExperimentConfig config, Path yaml) {
        try {
            return Devices.resolve(config.device());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(yaml, "device", e.getMessage());
        }
    }

    /**
     * Writes the effective config as YAML (paths absolute), atomically: to a temporary file, then
     * renamed. The file loads back into an equal config.
     *
     * @param config the config
     * @param file the file to write
     * @throws UncheckedIOException when the file cannot be written
     */
    public static void write(ExperimentConfig config, Path file) {
        try {
            AtomicFiles.writeString(file, HEADER + MAPPER.writeValueAsString(config));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the config to " + file + ": " + e, e);
        }
    }

    /** Fills model vocabulary sizes from the tokenizer section when they are not given. */
    private static void fillVocabularySizes(
            ObjectNode tree, RecordBinder binder, Path baseDir, Set<String> pointers) {
        JsonNode model = tree.get("model");
        JsonNode tokenizer = tree.get("tokenizer");
        if (model == null || !model.isObject() || tokenizer == null || !tokenizer.isObject()) {
            return;
        }
        if (model.has("source_vocab_size") && model.has("target_vocab_size")) {
            return;
        }
        int vocab;
        try {
            vocab = binder.bind(tokenizer, TokenizerConfig.class, baseDir, Set.of()).vocabSize();
        } catch (ConfigProblem p) {
            String path = p.keyPath() == null ? "tokenizer" : "tokenizer." + p.keyPath();
            throw new ConfigProblem(path, p.getMessage(), p);
        }
        ObjectNode m = (ObjectNode) model;
        if (!m.has("source_vocab_size")) {
            m.put("source_vocab_size", vocab);
        }
        if (!m.has("target_vocab_size")) {
            m.put("target_vocab_size", vocab);
        }
    }

    /** Adds "(from --set ...)" when the problem is at or under a key set on the command line. */
    private static String withSource(ConfigProblem p, List<SetOverride> overrides) {
        String message = p.getMessage();
        if (p.keyPath() == null || message.startsWith("--set ")) {
            return message;
        }
        for (SetOverride o : overrides) {
            String key = String.join(".", o.keys());
            if (p.keyPath().equals(key) || p.keyPath().startsWith(key + ".")) {
                return message + " (from --set " + o.text() + ")";
            }
        }
        return message;
    }
}
