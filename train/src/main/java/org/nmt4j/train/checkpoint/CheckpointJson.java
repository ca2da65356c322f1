package org.nmt4j.train.checkpoint;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.EnumFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The JSON dialect of checkpoint files ({@code model.json}, {@code special.json}, {@code
 * state.json}): snake_case keys (as in the YAML config), enums in lower case, unknown keys
 * rejected, indented.
 */
final class CheckpointJson {
    static final ObjectMapper MAPPER =
            JsonMapper.builder()
                    .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                    .configure(EnumFeature.WRITE_ENUMS_TO_LOWERCASE, true)
                    .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .build();

    private CheckpointJson() {}
}
