package org.nmt4j.data.download;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A corpus archive to download: where it is, which file inside it matters, and what that file must
 * look like (line count and SHA-256), so that a damaged or changed download is noticed.
 *
 * @param name short name, e.g. {@code spa-eng}
 * @param url where the zip archive is
 * @param entry the file inside the archive that is checked, e.g. {@code spa-eng/spa.txt}
 * @param lines the number of lines that file has
 * @param sha256 the lower-case hex SHA-256 of that file
 */
public record DownloadSpec(String name, URI url, String entry, long lines, String sha256) {

    /**
     * The English-Spanish Anki/Tatoeba pairs used by the Keras English-to-Spanish Transformer
     * example.
     */
    public static final DownloadSpec SPA_ENG =
            new DownloadSpec(
                    "spa-eng",
                    URI.create(
                            "http://storage.googleapis.com/download.tensorflow.org/data/spa-eng.zip"),
                    "spa-eng/spa.txt",
                    118_964,
                    "6ec60e212f812ee3430f7568ea6f33b6fb080e32193c5952e8da0ee8ba45574c");

    private static final List<DownloadSpec> KNOWN = List.of(SPA_ENG);

    /**
     * Returns the corpus of this name that {@code nmt download} and {@code data.download} know.
     *
     * @param name e.g. {@code spa-eng}
     * @return the spec, or empty when no corpus has that name
     */
    public static Optional<DownloadSpec> named(String name) {
        return KNOWN.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /**
     * Returns the names of the known corpora.
     *
     * @return e.g. {@code [spa-eng]}
     */
    public static List<String> names() {
        return KNOWN.stream().map(DownloadSpec::name).toList();
    }

    /** Validates the spec. */
    public DownloadSpec {
        if (name == null || url == null || entry == null || sha256 == null) {
            throw new IllegalArgumentException("name, url, entry and sha256 are required");
        }
        sha256 = sha256.toLowerCase(Locale.ROOT);
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("sha256 must be 64 hex digits, got " + sha256);
        }
    }

    /**
     * Returns a copy fetched from another address (a mirror, or a test server).
     *
     * @param other the address
     * @return the copy
     */
    public DownloadSpec withUrl(URI other) {
        return new DownloadSpec(name, other, entry, lines, sha256);
    }

    /**
     * Returns a copy expecting another file (for tests).
     *
     * @param expectedLines the line count
     * @param expectedSha256 the SHA-256
     * @return the copy
     */
    public DownloadSpec expecting(long expectedLines, String expectedSha256) {
        return new DownloadSpec(name, url, entry, expectedLines, expectedSha256);
    }
}
