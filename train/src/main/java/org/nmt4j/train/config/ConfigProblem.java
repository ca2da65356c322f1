package org.nmt4j.train.config;

/** A problem found at a key path, before the file it came from is known. Package-private. */
final class ConfigProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String keyPath;

    ConfigProblem(String keyPath, String message, Throwable cause) {
        super(message, cause);
        this.keyPath = keyPath;
    }

    ConfigProblem(String keyPath, String message) {
        this(keyPath, message, null);
    }

    String keyPath() {
        return keyPath;
    }
}
