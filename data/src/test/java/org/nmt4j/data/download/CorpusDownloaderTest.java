package org.nmt4j.data.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from an HTTP server on 127.0.0.1 that serves a zip built by the test. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CorpusDownloaderTest {
    private static final String SPA =
            "Go.\tVe.\tCC-BY 2.0 (France) Attribution: tatoeba.org\nHi.\tHola.\tCC-BY 2.0\n"
                    + "Run!\t¡Corre!\tCC-BY 2.0\n";

    @TempDir Path dir;
    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private byte[] zip;
    private DownloadSpec spec;

    @BeforeEach
    void serveAZip() throws Exception {
        zip = zip("spa-eng/spa.txt", SPA, "spa-eng/_about.txt", "about\n");
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
        spec = DownloadSpec.SPA_ENG.withUrl(url("/spa-eng.zip")).expecting(3, sha256(SPA));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void download_withMatchingChecksum_unzipsIntoTheDirectory() throws IOException {
        CorpusDownloader.Result r = new CorpusDownloader().download(spec, dir, false);
        Path spa = dir.resolve("spa-eng/spa.txt").toAbsolutePath();
        assertEquals(spa, r.file());
        assertTrue(r.verified());
        assertFalse(r.alreadyPresent());
        assertEquals(SPA, Files.readString(spa));
        assertEquals("about\n", Files.readString(dir.resolve("spa-eng/_about.txt")));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void download_rerun_keepsTheCheckedFile_withoutFetchingAgain() throws IOException {
        new CorpusDownloader().download(spec, dir, false);
        CorpusDownloader.Result again = new CorpusDownloader().download(spec, dir, false);
        assertTrue(again.alreadyPresent());
        assertTrue(again.verified());
        assertEquals(1, requests.get());
    }

    @Test
    void download_withChecksumMismatch_failsWithBothHashes_andLeavesNothing() {
        String wrong = "0".repeat(64);
        DownloadSpec expectingOther = spec.expecting(118_964, wrong);
        DownloadException e =
                assertThrows(
                        DownloadException.class,
                        () -> new CorpusDownloader().download(expectingOther, dir, false));
        assertTrue(e.getMessage().contains(wrong), e.getMessage());
        assertTrue(e.getMessage().contains(sha256(SPA)), e.getMessage());
        assertTrue(e.getMessage().contains("118,964 lines"), e.getMessage());
        assertTrue(e.getMessage().contains("--accept-checksum-mismatch"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("spa-eng/spa.txt")));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void download_withChecksumMismatch_isKeptOnlyWhenAccepted() throws IOException {
        DownloadSpec expectingOther = spec.expecting(3, "1".repeat(64));
        CorpusDownloader.Result r = new CorpusDownloader().download(expectingOther, dir, true);
        assertFalse(r.verified());
        assertEquals(sha256(SPA), r.sha256());
        assertEquals(SPA, Files.readString(r.file()));
    }

    @Test
    void download_presentButDifferentFile_isFetchedAgain() throws IOException {
        Files.createDirectories(dir.resolve("spa-eng"));
        Files.writeString(dir.resolve("spa-eng/spa.txt"), "half a file");
        CorpusDownloader.Result r = new CorpusDownloader().download(spec, dir, false);
        assertFalse(r.alreadyPresent());
        assertEquals(SPA, Files.readString(r.file()));
    }

    @Test
    void download_interruptedTransfer_fails_andLeavesNoFileBehind() throws Exception {
        try (HalfServer half = new HalfServer(zip, false)) {
            DownloadSpec cut = spec.withUrl(half.url());
            DownloadException e =
                    assertThrows(
                            DownloadException.class,
                            () -> new CorpusDownloader().download(cut, dir, false));
            assertTrue(
                    e.getMessage().contains("broke off after " + zip.length / 2 + " bytes"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("re-run"), e.getMessage());
        }
        assertFalse(Files.exists(dir.resolve("spa-eng/spa.txt")));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void download_stalledTransfer_timesOut_andLeavesNoFileBehind() throws Exception {
        try (HalfServer half = new HalfServer(zip, true)) {
            DownloadSpec stalled = spec.withUrl(half.url());
            CorpusDownloader impatient =
                    new CorpusDownloader(Duration.ofSeconds(5), Duration.ofMillis(300));
            DownloadException e =
                    assertThrows(
                            DownloadException.class, () -> impatient.download(stalled, dir, false));
            assertTrue(e.getMessage().contains("stalled"), e.getMessage());
        }
        assertEquals(List.of(), leftovers());
    }

    /**
     * A one-connection HTTP server on loopback that promises the whole body (Content-Length) but
     * sends only half of it, then closes the connection (or keeps it open, silent).
     */
    private static final class HalfServer implements AutoCloseable {
        private final ServerSocket socket;
        private final Thread thread;

        HalfServer(byte[] body, boolean stall) throws IOException {
            socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            thread = new Thread(() -> serve(body, stall), "half-server");
            thread.setDaemon(true);
            thread.start();
        }

        URI url() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/spa-eng.zip");
        }

        private void serve(byte[] body, boolean stall) {
            try (Socket s = socket.accept()) {
                BufferedReader request =
                        new BufferedReader(
                                new InputStreamReader(
                                        s.getInputStream(), StandardCharsets.ISO_8859_1));
                for (String line = request.readLine(); line != null && !line.isEmpty(); ) {
                    line = request.readLine();
                }
                OutputStream out = s.getOutputStream();
                out.write(
                        ("HTTP/1.1 200 OK\r\nContent-Type: application/zip\r\n"
                                        + "Content-Length: "
                                        + body.length
                                        + "\r\n\r\n")
                                .getBytes(StandardCharsets.ISO_8859_1));
                out.write(body, 0, body.length / 2);
                out.flush();
                if (stall) {
                    Thread.sleep(10_000);
                }
            } catch (IOException | InterruptedException e) {
                // the test is over
            }
        }

        @Override
        public void close() throws IOException {
            thread.interrupt();
            socket.close();
        }
    }

    @Test
    void download_notFound_namesTheStatus() {
        DownloadSpec missing = spec.withUrl(url("/nothing-here.zip"));
        DownloadException e =
                assertThrows(
                        DownloadException.class,
                        () -> new CorpusDownloader().download(missing, dir, false));
        assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
        assertEquals(List.of(), leftovers());
    }

    @Test
    void download_unreachable_saysHowToUseALocalCopy() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        DownloadSpec offline =
                spec.withUrl(URI.create("http://127.0.0.1:" + closedPort + "/spa-eng.zip"));
        DownloadException e =
                assertThrows(
                        DownloadException.class,
                        () -> new CorpusDownloader().download(offline, dir, false));
        assertTrue(e.getMessage().contains("cannot reach"), e.getMessage());
        assertTrue(e.getMessage().contains("data.train: /path/to/spa-eng/spa.txt"), e.getMessage());
        assertEquals(List.of(), leftovers());
    }

    @Test
    void download_archiveWithoutTheExpectedFile_fails() throws Exception {
        zip = zip("other/file.txt", "x\n");
        DownloadException e =
                assertThrows(
                        DownloadException.class,
                        () -> new CorpusDownloader().download(spec, dir, false));
        assertTrue(e.getMessage().contains("has no spa-eng/spa.txt"), e.getMessage());
        assertEquals(List.of(), leftovers());
    }

    @Test
    void download_rejectsArchiveEntriesThatEscapeTheDirectory() throws Exception {
        zip = zip("../evil.txt", "x\n", "spa-eng/spa.txt", SPA);
        assertThrows(
                DownloadException.class,
                () -> new CorpusDownloader().download(spec, dir.resolve("d"), false));
        assertFalse(Files.exists(dir.resolve("evil.txt")));
    }

    private List<Path> leftovers() {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(
                            p -> {
                                String n = p.getFileName().toString();
                                return n.endsWith(".part") || n.endsWith(".zip");
                            })
                    .toList();
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    private static byte[] zip(String... namesAndContents) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            z.putNextEntry(new ZipEntry("spa-eng/"));
            z.closeEntry();
            for (int i = 0; i < namesAndContents.length; i += 2) {
                z.putNextEntry(new ZipEntry(namesAndContents[i]));
                z.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256")
                                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
