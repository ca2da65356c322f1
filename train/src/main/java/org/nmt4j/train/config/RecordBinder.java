package org.nmt4j.train.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;

/**
 * Reads a YAML file into a tree and binds a tree to any record type, turning every failure into a
 * message with the key path and what was expected. Knows nothing about experiments.
 */
final class RecordBinder {
    private final YAMLMapper mapper;

    RecordBinder(YAMLMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Reads a YAML file whose top level is a mapping.
     *
     * @param yaml the file
     * @return its tree
     * @throws ConfigException when the file is missing, unreadable, not YAML or not a mapping
     */
    ObjectNode readTree(Path yaml) {
        if (Files.isDirectory(yaml)) {
            throw new ConfigException(yaml, null, "is a directory, expected a YAML config file");
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(yaml.toFile());
        } catch (JsonProcessingException e) {
            throw new ConfigException(yaml, null, syntaxError(e), e);
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new ConfigException(
                    yaml, null, "config file not found; give an existing YAML file", e);
        } catch (IOException e) {
            throw new ConfigException(yaml, null, "cannot read the config file: " + e, e);
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new ConfigException(yaml, null, "the config file is empty");
        }
        if (!tree.isObject()) {
            throw new ConfigException(
                    yaml,
                    null,
                    "expected a mapping of sections at the top, got "
                            + ConfigSchema.describeNode(tree));
        }
        return (ObjectNode) tree;
    }

    /**
     * Binds a tree to a record.
     *
     * @param tree the YAML tree
     * @param type the record type
     * @param baseDir the directory relative paths are resolved against
     * @param overridden JSON pointers of values set by {@code --set} (resolved against the working
     *     directory instead)
     * @param <T> the record type
     * @return the record
     * @throws ConfigProblem for a bad key or value
     */
    <T> T bind(JsonNode tree, Class<T> type, Path baseDir, Set<String> overridden) {
        KeyChecker.check(tree, type, "");
        try {
            return mapper.readerFor(type)
                    .withAttribute(ConfigMapper.BASE_DIR, baseDir.toAbsolutePath().normalize())
                    .withAttribute(ConfigMapper.OVERRIDDEN, overridden)
                    .readValue(tree);
        } catch (JsonMappingException e) {
            throw JacksonErrors.translate(e, tree, type);
        } catch (IOException e) {
            throw new ConfigProblem(null, "cannot bind the config: " + e.getMessage(), e);
        }
    }

    private static String syntaxError(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where =
                at == null || at.getLineNr() < 1
                        ? ""
                        : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
        return where + "not valid YAML: " + e.getOriginalMessage();
    }
}
