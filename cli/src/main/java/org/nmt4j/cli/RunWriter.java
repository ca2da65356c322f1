package org.nmt4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nmt4j.train.RunDirectoryException;
import org.nmt4j.train.RunLock;

/**
 * For verbs that may write into a run directory without training it ({@code average}, {@code
 * prepare}): they take the run's {@link RunLock} when, and only when, their output lies inside it.
 */
final class RunWriter {
    private RunWriter() {}

    /**
     * Takes a run directory's lock if {@code target} lies inside it.
     *
     * @param runDir the run directory (it may not exist yet)
     * @param target what the verb writes
     * @param command the verb, for the holder's description
     * @return the lock, or null when the target is elsewhere
     * @throws UsageException when another process writes the run
     * @throws IOException when the lock file cannot be created
     */
    static RunLock lockIfInside(Path runDir, Path target, String command) throws IOException {
        if (!canonical(target).startsWith(canonical(runDir))) {
            return null;
        }
        try {
            return RunLock.acquire(runDir, command);
        } catch (RunDirectoryException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** The real path of the deepest existing ancestor, with the rest of the path appended. */
    private static Path canonical(Path p) throws IOException {
        Path abs = p.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing == null ? abs : existing.toRealPath().resolve(existing.relativize(abs));
    }
}
