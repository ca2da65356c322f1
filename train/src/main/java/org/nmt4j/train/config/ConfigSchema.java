package org.nmt4j.train.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the YAML keys of a record type are (its components in snake_case) and how to describe the
 * expected and the found values in messages. Works for any record, so each module can own the
 * record of its section.
 */
final class ConfigSchema {
    private static final PropertyNamingStrategies.NamingBase SNAKE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    private ConfigSchema() {}

    /** Returns the YAML key of a Java component name, e.g. {@code warmupSteps -> warmup_steps}. */
    static String key(String componentName) {
        return SNAKE.translate(componentName);
    }

    /** Returns the record's YAML keys, in declaration order, mapped to their component types. */
    static Map<String, Type> keys(Class<?> recordType) {
        Map<String, Type> keys = new LinkedHashMap<>();
        for (RecordComponent c : recordType.getRecordComponents()) {
            keys.put(key(c.getName()), c.getGenericType());
        }
        return keys;
    }

    /** Returns the raw class of a (possibly parameterised) type. */
    static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    /** Returns the element type of a {@code List<X>} or {@code Collection<X>}, else empty. */
    static Optional<Type> elementType(Type type) {
        if (type instanceof ParameterizedType p
                && Collection.class.isAssignableFrom((Class<?>) p.getRawType())) {
            return Optional.of(p.getActualTypeArguments()[0]);
        }
        return Optional.empty();
    }

    /**
     * Returns the declared type at a key path below a root record, or empty when the path leaves
     * the schema (a list index moves to the element type).
     */
    static Optional<Type> typeAt(Class<?> root, List<String> path) {
        Type type = root;
        for (String step : path) {
            Optional<Type> element = elementType(type);
            if (element.isPresent() && step.chars().allMatch(Character::isDigit)) {
                type = element.get();
                continue;
            }
            Class<?> c = raw(type);
            if (!c.isRecord() || !keys(c).containsKey(step)) {
                return Optional.empty();
            }
            type = keys(c).get(step);
        }
        return Optional.of(type);
    }

    /** Describes what a value of this type looks like in YAML, e.g. "an integer". */
    static String describe(Type type) {
        Class<?> c = raw(type);
        if (c == int.class || c == Integer.class || c == long.class || c == Long.class) {
            return "an integer";
        }
        if (c == short.class || c == Short.class || c == byte.class || c == Byte.class) {
            return "an integer";
        }
        if (c == float.class || c == Float.class || c == double.class || c == Double.class) {
            return "a number";
        }
        if (c == boolean.class || c == Boolean.class) {
            return "true or false";
        }
        if (c == String.class) {
            return "a string";
        }
        if (Path.class.isAssignableFrom(c)) {
            return "a file path (string)";
        }
        if (c.isEnum()) {
            return "one of " + String.join(", ", enumNames(c));
        }
        if (c.isRecord()) {
            return "a section with keys " + String.join(", ", keys(c).keySet());
        }
        Optional<Type> element = elementType(type);
        if (element.isPresent()) {
            return "a list, each item " + describe(element.get());
        }
        if (Map.class.isAssignableFrom(c)) {
            return "a mapping";
        }
        return "a value of type " + c.getSimpleName();
    }

    /** Returns an enum's constants as written in YAML (lower case). */
    static List<String> enumNames(Class<?> enumType) {
        List<String> names = new ArrayList<>();
        for (Object constant : enumType.getEnumConstants()) {
            names.add(((Enum<?>) constant).name().toLowerCase(Locale.ROOT));
        }
        return names;
    }

    /** Describes a YAML value as found, e.g. {@code the string "4000"}. */
    static String describeNode(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return "nothing (null)";
        }
        if (node.isTextual()) {
            return "the string \"" + node.asText() + "\"";
        }
        if (node.isIntegralNumber()) {
            return "the integer " + node.asText();
        }
        if (node.isNumber()) {
            return "the number " + node.asText();
        }
        if (node.isBoolean()) {
            return node.asText();
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            return "a section with keys " + String.join(", ", names);
        }
        return node.getNodeType().toString().toLowerCase(Locale.ROOT);
    }
}
