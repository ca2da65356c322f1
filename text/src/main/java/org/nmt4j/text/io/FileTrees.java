package org.nmt4j.text.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Deletes directory trees, the one way the project does it: a symbolic link is deleted, never
 * followed (a run's {@code best} link does not take its checkpoint with it), a missing path is not
 * an error, and children go before their directory.
 */
public final class FileTrees {
    private FileTrees() {}

    /**
     * Deletes a file, a symbolic link, or a directory with everything below it.
     *
     * @param root what to delete
     * @throws IOException if something cannot be deleted
     */
    public static void delete(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            Files.delete(root);
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
