package org.nmt4j.train.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;

/**
 * One {@code --set key.path=value} override. The value is read as a YAML scalar (or flow list), so
 * {@code 0.0005} is a number, {@code true} a boolean, {@code '4000'} a string and {@code null}
 * null; it is then type-checked exactly like a value written in the file.
 *
 * @param text the override as given
 * @param keys the key path, e.g. {@code [train, lr]}
 * @param value the parsed value
 */
record SetOverride(String text, List<String> keys, JsonNode value) {

    /**
     * Parses {@code key.path=value}.
     *
     * @param text the override as given on the command line
     * @param mapper the YAML mapper that reads the value
     * @return the override
     * @throws ConfigProblem when the text is not of the form {@code key.path=value}
     */
    static SetOverride parse(String text, ObjectMapper mapper) {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw new ConfigProblem(
                    null,
                    "--set " + text + ": expected key.path=value, e.g. --set train.lr=0.0005");
        }
        List<String> keys = Arrays.asList(text.substring(0, eq).strip().split("\\.", -1));
        if (keys.stream().anyMatch(String::isBlank)) {
            throw new ConfigProblem(
                    null, "--set " + text + ": empty name in key path; write e.g. train.lr=0.0005");
        }
        String valueText = text.substring(eq + 1);
        if (valueText.isBlank()) {
            throw new ConfigProblem(
                    String.join(".", keys),
                    "--set " + text + ": no value after '='; write null to unset a key");
        }
        return new SetOverride(text, List.copyOf(keys), readValue(text, valueText, keys, mapper));
    }

    private static JsonNode readValue(
            String text, String valueText, List<String> keys, ObjectMapper mapper) {
        try {
            JsonNode value = mapper.readTree(valueText);
            return value == null || value.isMissingNode()
                    ? JsonNodeFactory.instance.nullNode()
                    : value;
        } catch (JsonProcessingException e) {
            throw new ConfigProblem(
                    String.join(".", keys),
                    "--set " + text + ": the value is not valid YAML: " + e.getOriginalMessage());
        }
    }

    /** Returns the JSON pointer of the key path, e.g. {@code /train/lr}. */
    String pointer() {
        return "/" + String.join("/", keys);
    }

    /**
     * Sets the value in the tree, creating missing sections on the way.
     *
     * @param root the YAML tree
     * @throws ConfigProblem when the path runs through a value that is not a section
     */
    void applyTo(ObjectNode root) {
        ObjectNode node = root;
        for (int i = 0; i < keys.size() - 1; i++) {
            JsonNode child = node.get(keys.get(i));
            if (child == null || child.isNull()) {
                child = node.putObject(keys.get(i));
            } else if (!child.isObject()) {
                throw new ConfigProblem(
                        String.join(".", keys.subList(0, i + 1)),
                        "--set "
                                + text
                                + ": is "
                                + ConfigSchema.describeNode(child)
                                + ", not a section, so it has no key '"
                                + keys.get(i + 1)
                                + "'");
            }
            node = (ObjectNode) child;
        }
        node.set(keys.get(keys.size() - 1), value);
    }
}
