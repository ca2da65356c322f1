package org.nmt4j.train.config;

import java.nio.file.Path;

/**
 * A configuration error: a one-line message naming the file, the key path (e.g. {@code
 * train.warmup_steps}) and what was expected. The command line maps it to exit code 2.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String keyPath;

    /**
     * Creates an error.
     *
     * @param file the configuration file
     * @param keyPath the dotted key path, or {@code null} when the error is about the whole file
     * @param what what is wrong and what was expected
     */
    public ConfigException(Path file, String keyPath, String what) {
        this(file, keyPath, what, null);
    }

    /**
     * Creates an error with a cause.
     *
     * @param file the configuration file
     * @param keyPath the dotted key path, or {@code null} when the error is about the whole file
     * @param what what is wrong and what was expected
     * @param cause the underlying exception, or {@code null}
     */
    public ConfigException(Path file, String keyPath, String what, Throwable cause) {
        super(format(file, keyPath, what), cause);
        this.file = file;
        this.keyPath = keyPath;
    }

    /**
     * Returns the configuration file the error is about.
     *
     * @return the file
     */
    public Path file() {
        return file;
    }

    /**
     * Returns the dotted key path, e.g. {@code train.warmup_steps}.
     *
     * @return the key path, or {@code null} when the error is about the whole file
     */
    public String keyPath() {
        return keyPath;
    }

    private static String format(Path file, String keyPath, String what) {
        String oneLine = what.replaceAll("\\s*\\R\\s*", " ").strip();
        String where = keyPath == null || keyPath.isEmpty() ? "" : keyPath + ": ";
        return file + ": " + where + oneLine;
    }
}
