package org.nmt4j.train.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Type;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a YAML tree against a record type before binding: every key must be a component of the
 * record (misspellings get a suggestion), every key of a primitive type (int, double, boolean...)
 * must be given, and sections must be mappings. A missing key of a reference type (Integer, Path,
 * String, an enum, a section) binds to null, and the record's constructor decides (a default, or an
 * error naming the key). Value types and ranges are left to Jackson and the constructors.
 */
final class KeyChecker {
    private KeyChecker() {}

    /**
     * Checks the tree.
     *
     * @param node the YAML mapping for {@code recordType}
     * @param recordType the record it must bind to
     * @param path the dotted key path of {@code node}, empty at the top
     * @throws ConfigProblem for the first problem found
     */
    static void check(JsonNode node, Class<?> recordType, String path) {
        Map<String, Type> keys = ConfigSchema.keys(recordType);
        if (node == null || !node.isObject()) {
            throw new ConfigProblem(
                    path,
                    "expected "
                            + ConfigSchema.describe(recordType)
                            + ", got "
                            + ConfigSchema.describeNode(node));
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!keys.containsKey(name)) {
                throw new ConfigProblem(join(path, name), unknownKey(name, keys.keySet()));
            }
        }
        for (Map.Entry<String, Type> key : keys.entrySet()) {
            JsonNode child = node.get(key.getKey());
            String childPath = join(path, key.getKey());
            if (child == null && ConfigSchema.raw(key.getValue()).isPrimitive()) {
                throw new ConfigProblem(
                        childPath,
                        "missing key; expected " + ConfigSchema.describe(key.getValue()));
            }
            if (child != null && !child.isNull()) {
                checkValue(child, key.getValue(), childPath);
            }
        }
    }

    private static void checkValue(JsonNode child, Type type, String path) {
        Class<?> raw = ConfigSchema.raw(type);
        if (raw.isRecord()) {
            check(child, raw, path);
            return;
        }
        Optional<Type> element = ConfigSchema.elementType(type);
        if (element.isPresent() && child.isArray() && ConfigSchema.raw(element.get()).isRecord()) {
            for (int i = 0; i < child.size(); i++) {
                check(child.get(i), ConfigSchema.raw(element.get()), path + "." + i);
            }
        }
    }

    /** Message for an unknown key: the closest valid key if any, then all valid keys. */
    static String unknownKey(String name, java.util.Collection<String> valid) {
        String hint =
                Suggestions.closest(name, valid)
                        .map(s -> " (did you mean '" + s + "'?)")
                        .orElse("");
        return "unknown key '" + name + "'" + hint + "; valid keys: " + String.join(", ", valid);
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    static String join(List<String> keys) {
        return String.join(".", keys);
    }
}
