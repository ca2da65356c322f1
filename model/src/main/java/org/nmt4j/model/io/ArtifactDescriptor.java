package org.nmt4j.model.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.EnumFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.nmt4j.model.ModelConfig;
import org.nmt4j.text.SpecialTokens;

/**
 * The {@code model.json} of a model directory: format name and version, the architecture, the
 * special ids, and the names of the tokenizer and parameter files. Keys are snake_case, enums lower
 * case, e.g.
 *
 * <pre>
 * {"format": "nmt4j-model", "format_version": 1,
 *  "model": {"source_vocab_size": 8000, ..., "norm": "pre", "tying": "all", ...},
 *  "special_tokens": {"pad": 0, "unk": 1, "bos": 2, "eos": 3},
 *  "tokenizer": {"joint": true, "source": "tokenizer.model", "target": "tokenizer.model"},
 *  "parameters": "model.params"}
 * </pre>
 *
 * @param format always {@link #FORMAT}
 * @param formatVersion the layout version, {@link #VERSION} for what this code writes
 * @param model the architecture
 * @param specialTokens the reserved ids
 * @param tokenizer which tokenizer file(s) the directory holds
 * @param parameters the parameters' file name
 */
record ArtifactDescriptor(
        String format,
        int formatVersion,
        ModelConfig model,
        SpecialTokens specialTokens,
        TokenizerEntry tokenizer,
        String parameters) {

    /** The file name. */
    static final String FILE = "model.json";

    /** The value of {@code format}. */
    static final String FORMAT = "nmt4j-model";

    /** The format version this code reads and writes. */
    static final int VERSION = 1;

    private static final JsonMapper JSON =
            JsonMapper.builder()
                    .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                    .configure(EnumFeature.WRITE_ENUMS_TO_LOWERCASE, true)
                    .configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS, true)
                    .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                    .configure(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES, true)
                    .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
                    .configure(SerializationFeature.INDENT_OUTPUT, true)
                    .build();

    /**
     * Which tokenizer files a directory holds, by name inside it.
     *
     * @param joint true when one file serves both sides
     * @param source the source-side file name
     * @param target the target-side file name (equal to {@code source} when joint)
     */
    record TokenizerEntry(boolean joint, String source, String target) {}

    /** Writes this descriptor as {@code model.json} in a directory. */
    void write(Path directory) throws IOException {
        JSON.writeValue(directory.resolve(FILE).toFile(), this);
    }

    /**
     * Reads and checks {@code model.json}: the format name and version first, then the rest.
     *
     * @param directory the model directory
     * @param file the verified {@code model.json}
     * @return the descriptor
     * @throws ModelArtifactException naming {@code model.json} when it cannot be used
     */
    static ArtifactDescriptor read(Path directory, Path file) throws ModelArtifactException {
        JsonNode tree;
        try {
            tree = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new ModelArtifactException(directory, FILE, "is not valid JSON: " + e, e);
        }
        if (tree == null || !tree.isObject() || !FORMAT.equals(tree.path("format").asText())) {
            throw new ModelArtifactException(
                    directory,
                    FILE,
                    "is not an nmt4j model description (no \"format\": \"" + FORMAT + "\")");
        }
        JsonNode version = tree.path("format_version");
        if (!version.isInt() || version.intValue() != VERSION) {
            throw new ModelArtifactException(
                    directory,
                    FILE,
                    "has format_version "
                            + version
                            + ", but this nmt4j reads version "
                            + VERSION
                            + " only; use the nmt4j version that wrote it, or export it again");
        }
        try {
            return JSON.treeToValue(tree, ArtifactDescriptor.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new ModelArtifactException(directory, FILE, "is invalid: " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String msg =
                t instanceof JsonProcessingException j ? j.getOriginalMessage() : t.getMessage();
        return msg == null ? t.getClass().getSimpleName() : msg;
    }
}
