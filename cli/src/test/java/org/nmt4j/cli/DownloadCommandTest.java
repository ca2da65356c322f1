package org.nmt4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.data.download.DownloadSpec;
import org.nmt4j.train.config.ConfigLoader;
import org.nmt4j.train.config.ExperimentConfig;
import picocli.CommandLine;

/**
 * The {@code download} verb against a loopback server whose zip is not the real spa-eng release, so
 * the real checksum cannot match: an error with both hashes, unless explicitly accepted.
 */
class DownloadCommandTest {
    @TempDir Path dir;
    private HttpServer server;
    private String url;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void serve() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            z.putNextEntry(new ZipEntry("spa-eng/spa.txt"));
            z.write("Go.\tVe.\n".getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        byte[] zip = bytes.toByteArray();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(
                "/spa-eng.zip",
                ex -> {
                    ex.sendResponseHeaders(200, zip.length);
                    try (OutputStream o = ex.getResponseBody()) {
                        o.write(zip);
                    }
                });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/spa-eng.zip";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void download_mismatch_exitsWith1_showingBothHashes_andKeepsNothing() {
        int code = run("download", "spa-eng", "--dir", dir.toString(), "--url", url);
        assertEquals(1, code);
        assertTrue(err.toString().contains(DownloadSpec.SPA_ENG.sha256()), err.toString());
        assertTrue(err.toString().contains("--accept-checksum-mismatch"), err.toString());
        assertFalse(Files.exists(dir.resolve("spa-eng/spa.txt")));
    }

    @Test
    void download_mismatchAccepted_exitsWith0_andSaysSo() {
        int code =
                run(
                        "download",
                        "spa-eng",
                        "--dir",
                        dir.toString(),
                        "--url",
                        url,
                        "--accept-checksum-mismatch");
        assertEquals(0, code, err.toString());
        assertTrue(out.toString().contains("MISMATCH accepted"), out.toString());
        assertTrue(out.toString().contains("data.format: anki"), out.toString());
        assertTrue(Files.isRegularFile(dir.resolve("spa-eng/spa.txt")));
    }

    @Test
    void download_withoutDir_unzipsIntoTheCheckoutsDataCache_whereTheShippedConfigsLook()
            throws IOException {
        String before = System.getProperty(DownloadCommand.HOME_PROPERTY);
        System.setProperty(DownloadCommand.HOME_PROPERTY, dir.toString());
        try {
            int code = run("download", "spa-eng", "--url", url, "--accept-checksum-mismatch");
            assertEquals(0, code, err.toString());
        } finally {
            if (before == null) {
                System.clearProperty(DownloadCommand.HOME_PROPERTY);
            } else {
                System.setProperty(DownloadCommand.HOME_PROPERTY, before);
            }
        }
        Path spa = dir.resolve("data-cache/spa-eng/spa.txt");
        assertTrue(Files.isRegularFile(spa), out.toString());
        Path config = Files.createDirectories(dir.resolve("configs")).resolve("spa-eng-cpu.yaml");
        Files.copy(Path.of("..", "configs", "spa-eng-cpu.yaml"), config);
        ExperimentConfig loaded = ConfigLoader.load(config, List.of());
        assertEquals(spa.toAbsolutePath(), loaded.data().train());
    }

    @Test
    void download_unknownCorpusOrBadUrl_exitsWith2() {
        assertEquals(2, run("download", "fra-eng", "--dir", dir.toString()));
        assertTrue(err.toString().contains("spa-eng"), err.toString());
        assertEquals(2, run("download", "spa-eng", "--dir", dir.toString(), "--url", "ftp://x"));
    }

    private int run(String... args) {
        CommandLine cl = Nmt.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }
}
