package org.nmt4j.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a directory holds, to check that a refused command changed nothing: every entry by its
 * relative path, with the SHA-256 and modification time of a file, the target of a link, or "dir".
 */
public final class DirectorySnapshot {
    private DirectorySnapshot() {}

    /**
     * Takes the snapshot.
     *
     * @param dir the directory
     * @return relative path to description, sorted
     * @throws IOException when it cannot be read
     */
    public static Map<String, String> of(Path dir) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.toList()) {
                entries.put(dir.relativize(p).toString(), describe(p));
            }
        }
        return entries;
    }

    private static String describe(Path p) throws IOException {
        if (Files.isSymbolicLink(p)) {
            return "link -> " + Files.readSymbolicLink(p);
        }
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            return "dir";
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
            return HexFormat.of().formatHex(hash) + " " + Files.getLastModifiedTime(p);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
