package org.nmt4j.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.nmt4j.model.io.ModelArtifacts;
import org.nmt4j.model.io.RunLayout;
import org.nmt4j.model.io.TokenizerFiles;
import org.nmt4j.text.io.AtomicFiles;
import org.nmt4j.text.io.FileTrees;
import org.nmt4j.train.config.ConfigLoader;
import org.nmt4j.train.config.ExperimentConfig;

/**
 * The directory a run writes to:
 *
 * <pre>
 * RUN_DIR/
 *   config.yaml        the effective config (paths absolute, real vocabulary sizes)
 *   tokenizer.model    the SentencePiece model (source.model + target.model when not joint)
 *   data/              the cleaned train/dev/test splits (and spm.model when trained here)
 *   checkpoints/       see Checkpointer; RUN_DIR/last and RUN_DIR/best link into it
 *   metrics.jsonl      one JSON line per log interval and per validation
 *   metrics.after-step-N.jsonl  lines an interrupted process wrote after its last checkpoint
 *   curves.png         training loss, dev loss and dev BLEU against steps
 *   train.log          the run's log
 *   .lock              see RunLock
 * </pre>
 *
 * An instance owns the directory: {@link #create}, {@link #existing} and {@link #replace} take its
 * {@link RunLock} before anything in it changes, and {@link #close} gives it back.
 */
public final class RunDirectory implements AutoCloseable {
    /** The effective config's file name. */
    public static final String CONFIG = "config.yaml";

    /** The metrics file name. */
    public static final String METRICS = "metrics.jsonl";

    /** The curves file name. */
    public static final String CURVES = "curves.png";

    /** The log file name. */
    public static final String LOG = "train.log";

    /** What a run writes at the top of its directory (used to recognise one). */
    private static final Set<String> RUN_ENTRIES =
            Set.of(
                    CONFIG,
                    METRICS,
                    CURVES,
                    LOG,
                    "data",
                    RunLayout.CHECKPOINTS,
                    RunLayout.LAST,
                    RunLayout.BEST,
                    ModelArtifacts.JOINT_TOKENIZER,
                    ModelArtifacts.SOURCE_TOKENIZER,
                    ModelArtifacts.TARGET_TOKENIZER);

    private final Path dir;
    private RunLock lock;

    private RunDirectory(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /**
     * Creates the directory of a new run and takes its lock.
     *
     * @param dir the run directory
     * @return the run directory, locked; close it when the run ends
     * @throws RunDirectoryException when it already holds a run (it must be resumed or another
     *     directory chosen), another process writes it, or it is a file; nothing is changed then
     * @throws IOException when it cannot be created
     */
    public static RunDirectory create(Path dir) throws IOException {
        RunDirectory run = new RunDirectory(dir);
        run.refuseFile();
        run.refuseExistingRun();
        run.lock("train");
        try {
            run.refuseExistingRun();
        } catch (RuntimeException e) {
            run.close();
            throw e;
        }
        return run;
    }

    /**
     * Opens the directory of an existing run (to resume it) and takes its lock.
     *
     * @param dir the run directory
     * @return the run directory, locked; close it when the run ends
     * @throws RunDirectoryException when it holds no {@code config.yaml}, or another process writes
     *     it; nothing is changed then
     * @throws IOException when the lock file cannot be created
     */
    public static RunDirectory existing(Path dir) throws IOException {
        RunDirectory run = new RunDirectory(dir);
        if (!Files.isRegularFile(run.config())) {
            throw new RunDirectoryException(
                    run.dir
                            + " is not a run directory (no "
                            + CONFIG
                            + "); give the run_dir of a run started with './nmt train --config'");
        }
        run.lock("train --resume");
        return run;
    }

    /**
     * Takes the lock of a directory, deletes a previous run in it, if there is one, and returns it
     * as the directory of a new run; refuses when the directory holds anything a run does not
     * write.
     *
     * @param dir the directory
     * @param command what replaces the run (for the lock holder's description)
     * @return the emptied run directory, locked; close it when the run ends
     * @throws RunDirectoryException when it holds other files or another process writes it
     * @throws IOException when deleting fails
     */
    public static RunDirectory replace(Path dir, String command) throws IOException {
        RunDirectory run = new RunDirectory(dir);
        run.refuseFile();
        run.refuseForeignEntries();
        run.lock(command);
        try {
            run.refuseForeignEntries();
            for (Path p : run.entries()) {
                if (!p.getFileName().toString().equals(RunLock.FILE)) {
                    FileTrees.delete(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            run.close();
            throw e;
        }
        return run;
    }

    private void lock(String command) throws IOException {
        lock = RunLock.acquire(dir, command);
    }

    private void refuseFile() {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new RunDirectoryException(dir + " is a file; run_dir must be a directory");
        }
    }

    /** Refuses a directory that holds a run, naming the process that writes it if one does. */
    private void refuseExistingRun() throws IOException {
        if (Files.exists(config()) || Files.exists(dir.resolve(RunLayout.CHECKPOINTS))) {
            if (lock == null) {
                RunLock.holder(dir)
                        .ifPresent(
                                h -> {
                                    throw RunLock.inUse(dir, h);
                                });
            }
            throw new RunDirectoryException(
                    "run_dir "
                            + dir
                            + " already holds a run: continue it with './nmt train --resume "
                            + dir
                            + "', or start a new one elsewhere with --set run_dir=DIR");
        }
    }

    private List<Path> entries() throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    private void refuseForeignEntries() throws IOException {
        for (Path p : entries()) {
            String name = p.getFileName().toString();
            if (!RUN_ENTRIES.contains(name)
                    && !name.startsWith(".")
                    && !MetricsLog.isSetAside(name)) {
                throw new RunDirectoryException(
                        dir
                                + " holds "
                                + name
                                + ", which a run does not write; not deleting it. Move it away"
                                + " or choose another run_dir");
            }
        }
    }

    /**
     * Writes the effective config, atomically.
     *
     * @param config the config
     */
    public void writeConfig(ExperimentConfig config) {
        ConfigLoader.write(config, config());
    }

    /**
     * Copies the tokenizer model(s) into the run directory (atomically, replacing earlier copies),
     * as {@code tokenizer.model}, or {@code source.model} and {@code target.model}.
     *
     * @param from the model file(s)
     * @return the copies
     * @throws IOException when they cannot be copied
     */
    public TokenizerFiles keepTokenizer(TokenizerFiles from) throws IOException {
        if (from.joint()) {
            return TokenizerFiles.joint(copy(from.source(), ModelArtifacts.JOINT_TOKENIZER));
        }
        return TokenizerFiles.separate(
                copy(from.source(), ModelArtifacts.SOURCE_TOKENIZER),
                copy(from.target(), ModelArtifacts.TARGET_TOKENIZER));
    }

    private Path copy(Path source, String name) throws IOException {
        Path target = dir.resolve(name);
        if (source.toAbsolutePath().normalize().equals(target)) {
            return target;
        }
        AtomicFiles.copy(source, target);
        return target;
    }

    /**
     * Returns the directory.
     *
     * @return the absolute path
     */
    public Path dir() {
        return dir;
    }

    /**
     * Returns the effective config file.
     *
     * @return {@code RUN_DIR/config.yaml}
     */
    public Path config() {
        return dir.resolve(CONFIG);
    }

    /**
     * Returns where the cleaned data (and a tokenizer trained here) go.
     *
     * @return {@code RUN_DIR/data}
     */
    public Path data() {
        return dir.resolve("data");
    }

    /**
     * Returns the metrics file.
     *
     * @return {@code RUN_DIR/metrics.jsonl}
     */
    public Path metrics() {
        return dir.resolve(METRICS);
    }

    /**
     * Returns the curves image.
     *
     * @return {@code RUN_DIR/curves.png}
     */
    public Path curves() {
        return dir.resolve(CURVES);
    }

    /**
     * Returns the log file.
     *
     * @return {@code RUN_DIR/train.log}
     */
    public Path log() {
        return dir.resolve(LOG);
    }

    /**
     * Returns the link to the best checkpoint.
     *
     * @return {@code RUN_DIR/best}
     */
    public Path best() {
        return RunLayout.best(dir);
    }

    /**
     * Returns the link to the last checkpoint.
     *
     * @return {@code RUN_DIR/last}
     */
    public Path last() {
        return RunLayout.last(dir);
    }

    /** Gives the directory back (releases its lock). */
    @Override
    public void close() throws IOException {
        if (lock != null) {
            lock.close();
            lock = null;
        }
    }
}
