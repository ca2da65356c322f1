package org.nmt4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.nmt4j.data.download.CorpusDownloader;
import org.nmt4j.data.download.DownloadSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nmt download spa-eng}: fetches the English-Spanish {@code spa-eng.zip} of the Keras
 * example, checks {@code spa-eng/spa.txt} (118,964 lines, SHA-256 6ec60e21...574c) and unzips it
 * into the data directory. Safe to re-run (a checked file is not fetched again) and to interrupt.
 *
 * <p>The default directory is {@code data-cache} in the checkout {@code ./nmt} runs from (the
 * launcher passes it as the system property {@value #HOME_PROPERTY}), which is where the shipped
 * configs ({@code configs/spa-eng-*.yaml}: {@code ../data-cache/spa-eng/spa.txt}) look for the
 * corpus, whatever the working directory; without that property it is {@code data-cache} in the
 * working directory.
 */
@Command(
        name = "download",
        mixinStandardHelpOptions = true,
        description = {
            "Download and check a corpus: spa-eng (the Anki/Tatoeba English-Spanish pairs of the"
                    + " Keras English-to-Spanish example).",
            "A checksum mismatch is an error (nothing is kept) unless"
                    + " --accept-checksum-mismatch is given."
        })
public final class DownloadCommand implements Callable<Integer> {
    /** The system property holding the checkout's directory (set by {@code ./nmt}). */
    static final String HOME_PROPERTY = "nmt.home";

    private static final String DEFAULT_DIR = "data-cache";

    @Spec private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CORPUS", description = "The corpus: spa-eng.")
    private String corpus;

    @Option(
            names = "--dir",
            paramLabel = "DIR",
            description =
                    "Directory to unzip into (default: data-cache in the nmt4j checkout, where"
                            + " configs/spa-eng-*.yaml look for it).")
    private Path dir;

    @Option(
            names = "--accept-checksum-mismatch",
            description = "Keep the download even if its line count or SHA-256 differ.")
    private boolean acceptMismatch;

    @Option(
            names = "--url",
            paramLabel = "URL",
            description = "Fetch from this address instead (a mirror).")
    private String url;

    @Override
    public Integer call() throws IOException {
        DownloadSpec what = DownloadSpec.named(corpus).orElseThrow(() -> unknown(corpus));
        if (url != null) {
            what = what.withUrl(parse(url));
        }
        Path into = dir != null ? dir : defaultDir();
        CorpusDownloader.Result result =
                new CorpusDownloader().download(what, into, acceptMismatch);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
                "%s: %s, %,d lines, SHA-256 %s%s%n",
                result.alreadyPresent() ? "already present" : "downloaded",
                result.file(),
                result.lines(),
                result.sha256(),
                result.verified() ? " (verified)" : " (MISMATCH accepted)");
        out.println("use it with: data.format: anki, data.train: " + result.file());
        out.flush();
        return 0;
    }

    private static UsageException unknown(String name) {
        return new UsageException(
                "unknown corpus '"
                        + name
                        + "'; the known corpus is "
                        + String.join(", ", DownloadSpec.names()));
    }

    /**
     * Returns where the corpus goes without {@code --dir}.
     *
     * @return {@code data-cache} in the checkout when {@value #HOME_PROPERTY} is set, else in the
     *     working directory
     */
    static Path defaultDir() {
        String home = System.getProperty(HOME_PROPERTY);
        return home == null || home.isBlank() ? Path.of(DEFAULT_DIR) : Path.of(home, DEFAULT_DIR);
    }

    private static URI parse(String text) {
        try {
            URI uri = new URI(text);
            if (uri.getScheme() == null || !uri.getScheme().startsWith("http")) {
                throw new URISyntaxException(text, "not an http(s) address");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new UsageException(
                    "--url "
                            + text
                            + " is not an http(s) address; give e.g."
                            + " https://host/spa-eng.zip");
        }
    }
}
