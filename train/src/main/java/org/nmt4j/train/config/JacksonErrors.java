package org.nmt4j.train.config;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns Jackson's binding errors into {@link ConfigProblem}s: key path plus what was expected. */
final class JacksonErrors {
    private JacksonErrors() {}

    /**
     * Translates a binding error.
     *
     * @param e the error
     * @param tree the tree that was bound (to quote the offending value)
     * @param root the record type bound at the top of the tree
     * @return the problem, with its key path
     */
    static ConfigProblem translate(JsonMappingException e, JsonNode tree, Class<?> root) {
        List<String> keys = keys(e);
        String path = KeyChecker.join(keys);
        if (e instanceof UnrecognizedPropertyException u) {
            List<String> known = new ArrayList<>();
            u.getKnownPropertyIds().forEach(id -> known.add(String.valueOf(id)));
            return new ConfigProblem(path, KeyChecker.unknownKey(u.getPropertyName(), known), e);
        }
        if (e instanceof ValueInstantiationException v) {
            return invalidValue(v, path);
        }
        JsonNode found = tree.at(pointer(keys));
        Optional<Type> expected = ConfigSchema.typeAt(root, keys);
        String expectation =
                expected.map(ConfigSchema::describe).orElse("a value of type " + typeName(e));
        String message = "expected " + expectation + ", got " + ConfigSchema.describeNode(found);
        if (e instanceof InvalidFormatException
                && expected.isPresent()
                && ConfigSchema.raw(expected.get()).isEnum()
                && found.isTextual()) {
            message +=
                    Suggestions.closest(
                                    found.asText(),
                                    ConfigSchema.enumNames(ConfigSchema.raw(expected.get())))
                            .map(s -> " (did you mean '" + s + "'?)")
                            .orElse("");
        } else if (!(e instanceof MismatchedInputException)) {
            message += " (" + e.getOriginalMessage() + ")";
        }
        return new ConfigProblem(path, message, e);
    }

    /** A record's constructor rejected a value: point at the component its message names. */
    private static ConfigProblem invalidValue(ValueInstantiationException v, String path) {
        Throwable cause = v.getCause() == null ? v : v.getCause();
        String message = String.valueOf(cause.getMessage());
        Class<?> type = v.getType() == null ? Object.class : v.getType().getRawClass();
        if (!type.isRecord()) {
            return new ConfigProblem(path, "invalid value: " + message, v);
        }
        int bestAt = Integer.MAX_VALUE;
        String bestKey = null;
        for (RecordComponent c : type.getRecordComponents()) {
            String key = ConfigSchema.key(c.getName());
            message = replaceWord(message, c.getName(), key);
            Matcher m = Pattern.compile("\\b" + Pattern.quote(key) + "\\b").matcher(message);
            if (m.find() && m.start() < bestAt) {
                bestAt = m.start();
                bestKey = key;
            }
        }
        String where = bestKey == null ? path : KeyChecker.join(path, bestKey);
        return new ConfigProblem(where, "invalid value: " + message, v);
    }

    private static String replaceWord(String text, String word, String replacement) {
        return text.replaceAll(
                "\\b" + Pattern.quote(word) + "\\b", Matcher.quoteReplacement(replacement));
    }

    private static List<String> keys(JsonMappingException e) {
        List<String> keys = new ArrayList<>();
        for (JsonMappingException.Reference ref : e.getPath()) {
            keys.add(
                    ref.getFieldName() != null
                            ? ref.getFieldName()
                            : String.valueOf(ref.getIndex()));
        }
        return keys;
    }

    private static String pointer(List<String> keys) {
        StringBuilder sb = new StringBuilder();
        for (String key : keys) {
            sb.append('/').append(key.replace("~", "~0").replace("/", "~1"));
        }
        return sb.toString();
    }

    private static String typeName(JsonMappingException e) {
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return m.getTargetType().getSimpleName();
        }
        return "unknown";
    }
}
