package org.nmt4j.model.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The SHA-256 of every file of a model directory, in {@code sha256sum} format ({@code <hex> <path>}
 * per line, so {@code sha256sum -c manifest.sha256} checks a directory by hand). Written last: a
 * directory without it was not completely written.
 */
final class ArtifactManifest {
    /** The manifest's file name. */
    static final String FILE = "manifest.sha256";

    private final Path directory;
    private final Map<String, String> digests;

    private ArtifactManifest(Path directory, Map<String, String> digests) {
        this.directory = directory;
        this.digests = digests;
    }

    /**
     * Hashes every regular file under a directory (sub-directories included) and writes the
     * manifest there.
     *
     * @param directory the directory
     * @throws IOException if a file cannot be read or the manifest written
     */
    static void write(Path directory) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(directory)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        StringBuilder text = new StringBuilder();
        for (Path file : files) {
            String name = directory.relativize(file).toString().replace('\\', '/');
            if (!name.equals(FILE)) {
                text.append(sha256(file)).append("  ").append(name).append('\n');
            }
        }
        Files.writeString(directory.resolve(FILE), text, StandardCharsets.UTF_8);
    }

    /**
     * Reads a directory's manifest.
     *
     * @param directory the model directory
     * @return the manifest
     * @throws ModelArtifactException if it is missing or malformed
     */
    static ArtifactManifest read(Path directory) throws ModelArtifactException {
        List<String> lines;
        try {
            lines = Files.readAllLines(directory.resolve(FILE), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ModelArtifactException(
                    directory,
                    FILE,
                    "is missing, so the directory is incomplete (a save that did not finish, or"
                            + " not a model directory); pick a complete checkpoint or export again",
                    e);
        } catch (IOException e) {
            throw new ModelArtifactException(directory, FILE, "cannot be read: " + e, e);
        }
        Map<String, String> digests = new TreeMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int sep = line.indexOf("  ");
            if (sep != 64 || !line.substring(0, 64).matches("[0-9a-f]{64}")) {
                throw new ModelArtifactException(
                        directory,
                        FILE,
                        "line "
                                + (i + 1)
                                + " is not '<sha256>  <file>'; the manifest is corrupted");
            }
            digests.put(line.substring(sep + 2), line.substring(0, sep));
        }
        return new ArtifactManifest(directory, digests);
    }

    /**
     * Checks that a file exists, is listed, and has the listed SHA-256.
     *
     * @param name the file, relative to the directory
     * @return the file's path
     * @throws ModelArtifactException naming the file if any check fails
     */
    Path verify(String name) throws ModelArtifactException {
        Path file = directory.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new ModelArtifactException(
                    directory, name, "is missing; the model directory is incomplete");
        }
        String expected = digests.get(name);
        if (expected == null) {
            throw new ModelArtifactException(
                    directory, name, "is not listed in " + FILE + "; the directory was altered");
        }
        String actual;
        try {
            actual = sha256(file);
        } catch (IOException e) {
            throw new ModelArtifactException(directory, name, "cannot be read: " + e, e);
        }
        if (!expected.equals(actual)) {
            throw new ModelArtifactException(
                    directory,
                    name,
                    "is corrupted: its SHA-256 differs from the one in "
                            + FILE
                            + "; restore the file or use another checkpoint");
        }
        return file;
    }

    /**
     * Tells whether the manifest lists a file.
     *
     * @param name the file, relative to the directory
     * @return true when listed
     */
    boolean lists(String name) {
        return digests.containsKey(name);
    }

    /**
     * Checks every file the manifest lists.
     *
     * @return the files checked, relative to the directory
     * @throws ModelArtifactException naming the first file that fails
     */
    List<String> verifyAll() throws ModelArtifactException {
        List<String> names = new ArrayList<>(digests.keySet());
        for (String name : names) {
            verify(name);
        }
        return names;
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
        byte[] buf = new byte[1 << 16];
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            while (in.read(buf) >= 0) {
                // reading feeds the digest
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
