package org.nmt4j.train.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.nmt4j.data.DataConfig;
import org.nmt4j.data.download.CorpusDownloader;
import org.nmt4j.data.download.DownloadException;
import org.nmt4j.data.download.DownloadSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches the corpus a config names in {@code data.download} when its {@code data.train} does not
 * exist: the download {@code nmt download} makes (line count and SHA-256 checked, nothing kept when
 * they differ), into the directory that puts the checked file exactly at {@code data.train}. A
 * failed download is a one-line {@link ConfigException} that gives the command to run instead.
 */
final class FirstUseDownload {
    private static final Logger LOG = LoggerFactory.getLogger(FirstUseDownload.class);

    /** Fetches from the addresses {@link DownloadSpec} knows. */
    static final FirstUseDownload DEFAULT =
            new FirstUseDownload(UnaryOperator.identity(), new CorpusDownloader());

    private final UnaryOperator<DownloadSpec> source;
    private final CorpusDownloader downloader;

    /**
     * Creates a downloader.
     *
     * @param source maps a known corpus to what is actually fetched (a mirror, a test server)
     * @param downloader fetches, checks and unzips
     */
    FirstUseDownload(UnaryOperator<DownloadSpec> source, CorpusDownloader downloader) {
        this.source = source;
        this.downloader = downloader;
    }

    /**
     * Makes sure the training file of a config exists, downloading it when the config says how.
     * Does nothing when {@code data.download} is not given or {@code data.train} exists.
     *
     * @param config the loaded config (paths absolute)
     * @param yaml the file it came from (for messages)
     * @throws ConfigException when the file cannot be fetched to {@code data.train}
     */
    void ensure(ExperimentConfig config, Path yaml) {
        DataConfig data = config.data();
        Path train = data.train();
        if (data.download() == null || Files.exists(train)) {
            return;
        }
        String name = data.download();
        DownloadSpec spec = source.apply(DownloadSpec.named(name).orElseThrow());
        Path entry = Path.of(spec.entry());
        if (!train.endsWith(entry) || train.getNameCount() == entry.getNameCount()) {
            throw new ConfigException(
                    yaml,
                    "data.train",
                    train
                            + " does not exist, and data.download: "
                            + name
                            + " can only fetch a path ending in "
                            + spec.entry()
                            + "; point data.train at DIR/"
                            + spec.entry()
                            + " (or run ./nmt download "
                            + name
                            + " --dir DIR)");
        }
        Path dir = directoryHolding(train, entry);
        LOG.info("{} does not exist; downloading {} (data.download) into {}", train, name, dir);
        try {
            downloader.download(spec, dir, false);
        } catch (DownloadException | IOException e) {
            throw new ConfigException(
                    yaml,
                    "data.train",
                    train
                            + " does not exist and the download failed ("
                            + e.getMessage()
                            + "); run ./nmt download "
                            + name
                            + " --dir "
                            + dir
                            + ", or point data.train at a copy",
                    e);
        }
    }

    /** The directory that {@code entry} is relative to, given where it ends up. */
    private static Path directoryHolding(Path file, Path entry) {
        Path dir = file;
        for (int i = 0; i < entry.getNameCount(); i++) {
            dir = dir.getParent();
        }
        return dir;
    }
}
