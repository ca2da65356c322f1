package org.nmt4j.train.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.EnumFeature;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Set;

/**
 * The one Jackson YAML set-up for experiment configs: snake_case keys, unknown keys rejected, no
 * coercion between scalar types (a quoted {@code "4000"} is not an integer, {@code 4000.5} is not
 * an integer, a number is not a string), enums in any case on reading and lower case on writing,
 * duplicate keys rejected. Paths are resolved as described in {@link ConfigLoader}.
 */
final class ConfigMapper {
    /** Reader attribute: the absolute directory relative paths in the file are resolved against. */
    static final String BASE_DIR = "nmt4j.config.baseDir";

    /** Reader attribute: {@code Set<String>} of JSON pointers set by {@code --set} overrides. */
    static final String OVERRIDDEN = "nmt4j.config.overridden";

    private ConfigMapper() {}

    /** Builds the mapper used for reading and writing. */
    static YAMLMapper create() {
        YAMLMapper mapper =
                YAMLMapper.builder()
                        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                        .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                        .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                        .configure(EnumFeature.WRITE_ENUMS_TO_LOWERCASE, true)
                        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                        .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                        .addModule(pathModule())
                        .build();
        for (CoercionInputShape shape :
                new CoercionInputShape[] {
                    CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean
                }) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        return mapper;
    }

    private static SimpleModule pathModule() {
        SimpleModule module = new SimpleModule("nmt4j-paths");
        module.addDeserializer(Path.class, new PathDeserializer());
        module.addSerializer(Path.class, new PathSerializer());
        return module;
    }

    /**
     * Reads a path: a string; relative paths are resolved against the config file's directory, or
     * against the working directory when the value came from a {@code --set} override.
     */
    private static final class PathDeserializer extends StdScalarDeserializer<Path> {
        private static final long serialVersionUID = 1L;

        PathDeserializer() {
            super(Path.class);
        }

        @Override
        public Path deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (Path) ctxt.handleUnexpectedToken(Path.class, p);
            }
            String text = p.getText();
            if (text.isBlank()) {
                return (Path) ctxt.handleWeirdStringValue(Path.class, text, "an empty path");
            }
            Path path;
            try {
                path = Path.of(text);
            } catch (InvalidPathException e) {
                return (Path) ctxt.handleWeirdStringValue(Path.class, text, e.getMessage());
            }
            if (path.isAbsolute()) {
                return path.normalize();
            }
            return baseFor(p, ctxt).resolve(path).normalize();
        }

        private static Path baseFor(JsonParser p, DeserializationContext ctxt) {
            Object overridden = ctxt.getAttribute(OVERRIDDEN);
            String pointer = p.getParsingContext().pathAsPointer().toString();
            Object base = ctxt.getAttribute(BASE_DIR);
            if (base == null || (overridden instanceof Set<?> set && setBy(set, pointer))) {
                return Path.of("").toAbsolutePath();
            }
            return (Path) base;
        }

        /**
         * Whether the value at {@code pointer} was set by an override of it or of a section above.
         */
        private static boolean setBy(Set<?> overridden, String pointer) {
            for (Object o : overridden) {
                String set = String.valueOf(o);
                if (pointer.equals(set) || pointer.startsWith(set + "/")) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Writes a path as its absolute, normalised form, so the written file loads from anywhere. */
    private static final class PathSerializer extends StdScalarSerializer<Path> {
        private static final long serialVersionUID = 1L;

        PathSerializer() {
            super(Path.class);
        }

        @Override
        public void serialize(Path value, JsonGenerator gen, SerializerProvider provider)
                throws IOException {
            gen.writeString(value.toAbsolutePath().normalize().toString());
        }
    }
}
