package org.nmt4j.train.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.data.download.CorpusDownloader;
import org.nmt4j.data.download.DownloadSpec;

/**
 * {@code data.download}: a config whose {@code data.train} is missing fetches it on load from an
 * HTTP server on 127.0.0.1 that serves a zip built here, with the checksum check, or fails with one
 * line that gives the command to run.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FirstUseDownloadTest {
    private static final String SPA = "Go.\tVe.\nHi.\tHola.\nRun!\t¡Corre!\n";
    private static final String DATA_LINES =
            """
              format: tsv
              train: corpus/train.tsv
              dev: corpus/dev.tsv
            """;
    private static final String DOWNLOADED =
            """
              format: anki
              train: ../data-cache/spa-eng/spa.txt
              download: spa-eng
            """;

    @TempDir Path tmp;
    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private Path yaml;
    private Path spaTxt;

    @BeforeEach
    void serveAZip_andWriteAConfigThatNamesIt() throws IOException {
        byte[] zip = zip("spa-eng/spa.txt", SPA);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(
                "/spa-eng.zip",
                ex -> {
                    requests.incrementAndGet();
                    ex.sendResponseHeaders(200, zip.length);
                    try (OutputStream out = ex.getResponseBody()) {
                        out.write(zip);
                    }
                });
        server.start();
        yaml = ConfigFixtures.write(tmp, ConfigFixtures.replace(DATA_LINES, DOWNLOADED));
        spaTxt = tmp.resolve("data-cache/spa-eng/spa.txt").toAbsolutePath();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private FirstUseDownload from(String path, long lines, String sha256) {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
        UnaryOperator<DownloadSpec> local = spec -> spec.withUrl(url).expecting(lines, sha256);
        return new FirstUseDownload(
                local, new CorpusDownloader(Duration.ofSeconds(5), Duration.ofSeconds(5)));
    }

    private FirstUseDownload served() {
        return from("/spa-eng.zip", 3, sha256(SPA));
    }

    @Test
    void load_withTrainMissing_downloadsTheCorpusToDataTrain_relativeToTheConfig()
            throws IOException {
        ExperimentConfig c = ConfigLoader.load(yaml, List.of(), served());
        assertEquals(spaTxt, c.data().train());
        assertEquals(SPA, Files.readString(spaTxt));
        assertTrue(c.data().splitsTrain());
        assertEquals(1, requests.get());
    }

    @Test
    void load_withTrainPresent_doesNotDownload() throws IOException {
        Files.createDirectories(spaTxt.getParent());
        Files.writeString(spaTxt, "Hello.\tHola.\n");
        ConfigLoader.load(yaml, List.of(), served());
        assertEquals(0, requests.get());
        assertEquals("Hello.\tHola.\n", Files.readString(spaTxt));
    }

    @Test
    void load_twice_downloadsOnce() {
        ConfigLoader.load(yaml, List.of(), served());
        ConfigLoader.load(yaml, List.of(), served());
        assertEquals(1, requests.get());
    }

    @Test
    void load_withAChecksumMismatch_failsInOneLine_andKeepsNothing() {
        String other = "0".repeat(64);
        ConfigException e =
                assertThrows(
                        ConfigException.class,
                        () -> ConfigLoader.load(yaml, List.of(), from("/spa-eng.zip", 3, other)));
        assertOneLine(e);
        assertEquals("data.train", e.keyPath());
        assertTrue(e.getMessage().contains(other), e.getMessage());
        assertTrue(e.getMessage().contains(sha256(SPA)), e.getMessage());
        assertFalse(Files.exists(spaTxt));
    }

    @Test
    void load_whenTheServerCannotBeReached_failsInOneLine_givingTheDownloadCommand()
            throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + closedPort + "/spa-eng.zip");
        FirstUseDownload offline =
                new FirstUseDownload(spec -> spec.withUrl(nowhere), new CorpusDownloader());
        ConfigException e =
                assertThrows(
                        ConfigException.class, () -> ConfigLoader.load(yaml, List.of(), offline));
        assertOneLine(e);
        String m = e.getMessage();
        assertTrue(m.startsWith(yaml + ": data.train: " + spaTxt + " does not exist"), m);
        assertTrue(m.contains("the download failed (cannot reach " + nowhere), m);
        Path dir = tmp.resolve("data-cache").toAbsolutePath();
        assertTrue(m.contains("run ./nmt download spa-eng --dir " + dir + ", or point"), m);
        assertFalse(Files.exists(dir.resolve("spa-eng")));
    }

    @Test
    void load_withATrainPathTheCorpusCannotLandAt_saysWhatItMustEndWith() throws IOException {
        Path other =
                ConfigFixtures.write(
                        tmp,
                        ConfigFixtures.replace(
                                DATA_LINES,
                                DOWNLOADED.replace("spa-eng/spa.txt", "spa-eng/english.txt")));
        ConfigException e =
                assertThrows(
                        ConfigException.class, () -> ConfigLoader.load(other, List.of(), served()));
        assertOneLine(e);
        assertTrue(e.getMessage().contains("can only fetch a path ending in spa-eng/spa.txt"));
        assertEquals(0, requests.get());
    }

    @Test
    void load_withTrainOverriddenToAnExistingFile_ignoresTheDownload() throws IOException {
        Path copy = Files.writeString(tmp.resolve("copy.tsv"), "Hello.\tHola.\n");
        ExperimentConfig c =
                ConfigLoader.load(yaml, List.of("data.train=" + copy, "data.format=tsv"), served());
        assertEquals(copy.toAbsolutePath(), c.data().train());
        assertEquals(0, requests.get());
    }

    private static void assertOneLine(ConfigException e) {
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    private static byte[] zip(String name, String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            z.putNextEntry(new ZipEntry(name));
            z.write(text.getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static String sha256(String text) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(d.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
