package org.nmt4j.text.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Writes files so that a reader (or a crash) sees either the old file or the complete new one,
 * never half of it: the content goes to a temporary file in the target's own directory, which is
 * forced to disk and then renamed over the target in one atomic rename; the directory is forced
 * too, so that the rename survives a crash. On any failure the temporary file is removed and the
 * target is left as it was.
 *
 * <p>Directories written this way (model and checkpoint directories) are swapped by their own code;
 * this class is for single files.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Writes the content of a file, given the temporary path to write it to. */
    @FunctionalInterface
    public interface Content {
        /**
         * Writes the whole content to {@code temp} (an existing empty file).
         *
         * @param temp the temporary file
         * @throws IOException when writing fails
         */
        void writeTo(Path temp) throws IOException;
    }

    /**
     * Like {@link Content}, with a result (e.g. a summary of what was written).
     *
     * @param <T> the result type
     */
    @FunctionalInterface
    public interface ContentWithResult<T> {
        /**
         * Writes the whole content to {@code temp} (an existing empty file).
         *
         * @param temp the temporary file
         * @return the result, handed back by {@link #writeReturning(Path, ContentWithResult)}
         * @throws IOException when writing fails
         */
        T writeTo(Path temp) throws IOException;
    }

    /**
     * Writes a file atomically, creating its directory if needed.
     *
     * @param target the file to write or replace
     * @param content writes the content to a temporary file
     * @throws IOException when it cannot be written (the target is then unchanged)
     */
    public static void write(Path target, Content content) throws IOException {
        writeReturning(
                target,
                temp -> {
                    content.writeTo(temp);
                    return null;
                });
    }

    /**
     * Writes a file atomically, creating its directory if needed, and returns what the writer
     * returned.
     *
     * @param <T> the result type
     * @param target the file to write or replace
     * @param content writes the content to a temporary file
     * @return the writer's result
     * @throws IOException when it cannot be written (the target is then unchanged)
     */
    public static <T> T writeReturning(Path target, ContentWithResult<T> content)
            throws IOException {
        Path temp = temporaryFile(target);
        try {
            T result = content.writeTo(temp);
            publish(temp, target);
            return result;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Writes a string as UTF-8, atomically.
     *
     * @param target the file to write or replace
     * @param text the content
     * @throws IOException when it cannot be written (the target is then unchanged)
     */
    public static void writeString(Path target, String text) throws IOException {
        write(target, temp -> Files.writeString(temp, text, StandardCharsets.UTF_8));
    }

    /**
     * Writes lines as UTF-8, each ended by a line separator, atomically.
     *
     * @param target the file to write or replace
     * @param lines the lines
     * @throws IOException when it cannot be written (the target is then unchanged)
     */
    public static void writeLines(Path target, List<String> lines) throws IOException {
        write(target, temp -> Files.write(temp, lines, StandardCharsets.UTF_8));
    }

    /**
     * Copies a file atomically: the target is either the old file or a complete copy.
     *
     * @param source the file to copy
     * @param target the file to write or replace
     * @throws IOException when it cannot be copied (the target is then unchanged)
     */
    public static void copy(Path source, Path target) throws IOException {
        write(target, temp -> Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING));
    }

    /**
     * Moves a finished file, written by someone else (a tool, a download), onto its final name
     * atomically: forces it to disk, renames it over the target and forces the directory. The file
     * must be in the target's directory. On failure it is deleted and the target left as it was.
     *
     * @param finished the complete file, in the same directory as the target
     * @param target its final name
     * @throws IOException when it cannot be moved
     */
    public static void publish(Path finished, Path target) throws IOException {
        boolean done = false;
        try {
            force(finished);
            Files.move(
                    finished,
                    target,
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(finished);
            }
        }
        syncDirectory(target.toAbsolutePath().getParent());
    }

    /**
     * Creates an empty hidden temporary file next to the target ({@code .NAME.RANDOM.tmp}),
     * creating the directory if needed. Callers that stream into it must {@link #publish} or delete
     * it.
     *
     * @param target the file the temporary file will become
     * @return the new temporary file
     * @throws IOException when it cannot be created
     */
    public static Path temporaryFile(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        return Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
    }

    /**
     * Forces a directory's entries to disk, so that a rename inside it survives a crash. Where the
     * platform cannot open a directory (Windows) this does nothing: renames are still atomic, only
     * less durable.
     *
     * @param dir the directory
     */
    public static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // not supported on this platform
        }
    }

    private static void force(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }
}
