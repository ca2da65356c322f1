package org.nmt4j.model.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.nmt4j.model.search.DecodeConfig;

/**
 * The {@code decode.json} of a model directory: the search settings the model is meant to be
 * translated with (the training run's {@code decode:} section when the checkpoint was saved), in
 * the config's snake_case keys, e.g.
 *
 * <pre>
 * {"beam": 4, "length_penalty": 0.6, "max_len_a": 1.5, "max_len_b": 10, "nbest": 1}
 * </pre>
 *
 * Optional: a directory saved without it (older versions, or a save without settings) is translated
 * with {@link DecodeConfig#DEFAULT}.
 */
final class DecodeSettingsFile {
    /** The file name. */
    static final String FILE = "decode.json";

    private static final JsonMapper JSON =
            JsonMapper.builder()
                    .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                    .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                    .configure(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES, true)
                    .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
                    .configure(SerializationFeature.INDENT_OUTPUT, true)
                    .build();

    private DecodeSettingsFile() {}

    /** Writes the settings as {@code decode.json} in a directory. */
    static void write(Path directory, DecodeConfig decode) throws IOException {
        JSON.writeValue(directory.resolve(FILE).toFile(), decode);
    }

    /**
     * Reads and validates {@code decode.json}.
     *
     * @param directory the model directory (for messages)
     * @param file the verified file
     * @return the settings
     * @throws ModelArtifactException naming the file when it is not valid
     */
    static DecodeConfig read(Path directory, Path file) throws ModelArtifactException {
        try {
            return JSON.readValue(file.toFile(), DecodeConfig.class);
        } catch (JsonProcessingException e) {
            throw new ModelArtifactException(
                    directory,
                    FILE,
                    "is invalid: "
                            + rootMessage(e)
                            + "; delete it to use the"
                            + " built-in decode settings, or fix it",
                    e);
        } catch (IOException e) {
            throw new ModelArtifactException(directory, FILE, "cannot be read: " + e, e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String msg =
                t instanceof JsonProcessingException j ? j.getOriginalMessage() : t.getMessage();
        return (msg == null ? t.getClass().getSimpleName() : msg).lines().findFirst().orElse("");
    }
}
