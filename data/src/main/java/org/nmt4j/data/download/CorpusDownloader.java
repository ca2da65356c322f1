package org.nmt4j.data.download;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.nmt4j.text.io.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads a corpus zip, checks the file that matters (line count and SHA-256) and unzips it into
 * a directory. Safe to re-run and to interrupt: the archive and every extracted file are written
 * under {@code .part} names and renamed only once all is checked; a file already present with the
 * right checksum is not downloaded again; a checksum mismatch leaves nothing behind unless it is
 * explicitly accepted.
 */
public final class CorpusDownloader {
    private static final Logger LOG = LoggerFactory.getLogger(CorpusDownloader.class);

    private static final int MAX_REDIRECTS = 5;

    private final Duration connectTimeout;
    private final Duration readTimeout;

    /** Creates a downloader that gives up after 30 s without connecting or without data. */
    public CorpusDownloader() {
        this(Duration.ofSeconds(30), Duration.ofSeconds(30));
    }

    /**
     * Creates a downloader with given time limits.
     *
     * @param connectTimeout longest wait for a connection
     * @param readTimeout longest wait for the next bytes of a transfer (a stalled transfer fails)
     */
    public CorpusDownloader(Duration connectTimeout, Duration readTimeout) {
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    /**
     * What a download produced.
     *
     * @param file the checked file, e.g. {@code DIR/spa-eng/spa.txt}
     * @param alreadyPresent true when it was there already with the right checksum (or accepted)
     * @param verified true when its line count and SHA-256 are the expected ones
     * @param lines its line count
     * @param sha256 its SHA-256
     */
    public record Result(
            Path file, boolean alreadyPresent, boolean verified, long lines, String sha256) {}

    /**
     * Downloads, checks and unzips a corpus.
     *
     * @param spec what to fetch and what it must look like
     * @param dir the data directory the archive is unzipped into
     * @param acceptMismatch keep the files even if the checked file differs from the spec
     * @return where the checked file is, and what it is
     * @throws IOException if the directory cannot be written
     * @throws DownloadException if the download fails or (without {@code acceptMismatch}) the
     *     checksum differs
     */
    public Result download(DownloadSpec spec, Path dir, boolean acceptMismatch) throws IOException {
        Path target = inside(dir, spec.entry());
        if (Files.isRegularFile(target)) {
            FileCheck have = FileCheck.of(target);
            if (have.matches(spec) || acceptMismatch) {
                LOG.info("{} is already present", target);
                return new Result(target, true, have.matches(spec), have.lines(), have.sha256());
            }
            LOG.info("{} is present but differs from the expected file; downloading again", target);
        }
        Files.createDirectories(dir);
        Path zip = dir.resolve(spec.name() + ".zip.part");
        Map<Path, Path> parts = new TreeMap<>();
        try {
            fetch(spec, zip);
            extract(zip, dir, parts);
            Path checkedPart = parts.get(target);
            if (checkedPart == null) {
                throw new DownloadException(
                        spec.url() + " has no " + spec.entry() + "; is this the right archive?",
                        null);
            }
            FileCheck got = FileCheck.of(checkedPart);
            if (!got.matches(spec) && !acceptMismatch) {
                throw mismatch(spec, got);
            }
            for (Map.Entry<Path, Path> e : parts.entrySet()) {
                AtomicFiles.publish(e.getValue(), e.getKey());
            }
            parts.clear();
            return new Result(target, false, got.matches(spec), got.lines(), got.sha256());
        } finally {
            for (Path part : parts.values()) {
                Files.deleteIfExists(part);
            }
            Files.deleteIfExists(zip);
        }
    }

    private void fetch(DownloadSpec spec, Path zip) throws IOException {
        LOG.info("downloading {}", spec.url());
        long received = 0;
        HttpURLConnection connection = null;
        try {
            connection = open(spec);
            long expected = connection.getContentLengthLong();
            try (InputStream in = connection.getInputStream();
                    OutputStream out = Files.newOutputStream(zip)) {
                byte[] buf = new byte[1 << 16];
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    out.write(buf, 0, n);
                    received += n;
                }
            }
            if (expected >= 0 && received != expected) {
                throw new IOException("got " + received + " of " + expected + " bytes");
            }
        } catch (ConnectException | UnknownHostException e) {
            throw new DownloadException(
                    "cannot reach " + spec.url() + " (" + describe(e) + "); " + offlineHint(spec),
                    e);
        } catch (SocketTimeoutException e) {
            String what = received == 0 && connection == null ? "cannot reach " : "stalled: ";
            throw new DownloadException(
                    what
                            + spec.url()
                            + " (no data for "
                            + readTimeout.toSeconds()
                            + " s after "
                            + received
                            + " bytes); nothing was kept, re-run to try again ("
                            + offlineHint(spec)
                            + ")",
                    e);
        } catch (IOException e) {
            throw new DownloadException(
                    "download of "
                            + spec.url()
                            + " broke off after "
                            + received
                            + " bytes ("
                            + describe(e)
                            + "); nothing was kept, re-run to try again",
                    e);
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
        LOG.info("downloaded {} bytes", received);
    }

    /** Opens the URL, following up to {@value #MAX_REDIRECTS} redirects (http to https too). */
    private HttpURLConnection open(DownloadSpec spec) throws IOException {
        URL url = spec.url().toURL();
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpURLConnection c = (HttpURLConnection) url.openConnection();
            c.setConnectTimeout((int) connectTimeout.toMillis());
            c.setReadTimeout((int) readTimeout.toMillis());
            c.setInstanceFollowRedirects(false);
            int status = c.getResponseCode();
            if (status == HttpURLConnection.HTTP_OK) {
                return c;
            }
            String location = c.getHeaderField("Location");
            c.disconnect();
            if (status / 100 != 3 || location == null) {
                throw new DownloadException(
                        spec.url() + " answered HTTP " + status + "; " + offlineHint(spec), null);
            }
            url = new URL(url, location);
        }
        throw new DownloadException(
                spec.url() + ": more than " + MAX_REDIRECTS + " redirects; " + offlineHint(spec),
                null);
    }

    private static void extract(Path zip, Path dir, Map<Path, Path> parts) throws IOException {
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : archive.stream().toList()) {
                if (entry.isDirectory()) {
                    continue;
                }
                Path dest = inside(dir, entry.getName());
                Files.createDirectories(dest.getParent());
                Path part = dest.resolveSibling(dest.getFileName() + ".part");
                parts.put(dest, part);
                try (InputStream in = archive.getInputStream(entry)) {
                    Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new DownloadException(
                    "the downloaded file is not a valid zip ("
                            + e.getMessage()
                            + "); re-run to try again",
                    e);
        }
    }

    private static Path inside(Path dir, String entry) {
        Path base = dir.toAbsolutePath().normalize();
        Path dest = base.resolve(entry).normalize();
        if (!dest.startsWith(base) || dest.equals(base)) {
            throw new DownloadException(
                    "archive entry '" + entry + "' points outside " + dir, null);
        }
        return dest;
    }

    private static DownloadException mismatch(DownloadSpec spec, FileCheck got) {
        return new DownloadException(
                String.format(
                        "%s from %s does not match: expected %,d lines and SHA-256 %s, got %,d"
                                + " lines and SHA-256 %s; nothing was kept (re-run with"
                                + " --accept-checksum-mismatch to keep it anyway)",
                        spec.entry(),
                        spec.url(),
                        spec.lines(),
                        spec.sha256(),
                        got.lines(),
                        got.sha256()),
                null);
    }

    private static String offlineHint(DownloadSpec spec) {
        return "offline? fetch "
                + spec.url()
                + " on a machine with access, unzip it, and point"
                + " the config at the local copy (data.format: anki, data.train:"
                + " /path/to/"
                + spec.entry()
                + ")";
    }

    private static String describe(Throwable e) {
        String msg = e.getMessage();
        if (e instanceof UnknownHostException) {
            return "unknown host " + msg;
        }
        return msg == null || msg.isBlank() ? e.getClass().getSimpleName() : msg;
    }

    /** The line count and SHA-256 of a file. */
    record FileCheck(long lines, String sha256) {
        static FileCheck of(Path file) throws IOException {
            MessageDigest digest;
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            long lines = 0;
            int last = '\n';
            try (InputStream in = Files.newInputStream(file);
                    DigestOutputStream sink =
                            new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
                byte[] buf = new byte[1 << 16];
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    sink.write(buf, 0, n);
                    for (int i = 0; i < n; i++) {
                        if (buf[i] == '\n') {
                            lines++;
                        }
                    }
                    if (n > 0) {
                        last = buf[n - 1];
                    }
                }
            }
            if (last != '\n') {
                lines++;
            }
            return new FileCheck(lines, HexFormat.of().formatHex(digest.digest()));
        }

        boolean matches(DownloadSpec spec) {
            return lines == spec.lines() && sha256.equals(spec.sha256());
        }
    }
}
