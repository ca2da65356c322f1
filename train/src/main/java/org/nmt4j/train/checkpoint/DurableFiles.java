package org.nmt4j.train.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;
import org.nmt4j.text.io.AtomicFiles;

/** fsync, atomic renames and recursive deletion for checkpoint directories. */
final class DurableFiles {
    private DurableFiles() {}

    /**
     * Forces a directory's entries to disk, so that a rename inside it survives a crash. Where the
     * platform cannot open a directory (Windows) this does nothing.
     */
    static void syncDirectory(Path dir) {
        AtomicFiles.syncDirectory(dir);
    }

    /** Returns {@code base + ".tmp-" + 8 random hex digits}, a sibling name not in use. */
    static Path temporarySibling(Path target, String kind) {
        String suffix = String.format("%08x", ThreadLocalRandom.current().nextInt());
        return target.resolveSibling(target.getFileName() + "." + kind + "-" + suffix);
    }

    /** Renames atomically (one rename(2) call), replacing a file or symbolic link at the target. */
    static void renameAtomically(Path source, Path target) throws IOException {
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Points a symbolic link at {@code target} (a path relative to the link's directory),
     * atomically: a new link is made under a temporary name and renamed over the old one.
     */
    static void pointLink(Path link, Path target) throws IOException {
        Path tmp = temporarySibling(link, "tmp");
        Files.createSymbolicLink(tmp, target);
        try {
            renameAtomically(tmp, link);
        } finally {
            Files.deleteIfExists(tmp);
        }
        syncDirectory(link.toAbsolutePath().getParent());
    }
}
